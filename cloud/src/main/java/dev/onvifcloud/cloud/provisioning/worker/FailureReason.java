package dev.onvifcloud.cloud.provisioning.worker;

/** Why a sharing operation failed; the stored failure reason starts with the constant's name. */
public enum FailureReason {
    /** The camera answered a step with a SOAP fault. */
    CAMERA_FAULT,
    /** The key pair the camera generated is corrupt. */
    KEY_CORRUPT,
    /** The stored device configuration cannot be used (unreadable, or an uplink without authorization server). */
    UNUSABLE_CONFIGURATION,
    /** The operation's camera is not in the device store. */
    UNKNOWN_DEVICE
}
