package dev.onvifcloud.cloud.provisioning.worker;

/** Why a sharing operation failed (or what a transfer or un-share left); the stored reason starts with the name. */
public enum FailureReason {
    /** The camera answered a step with a SOAP fault. */
    CAMERA_FAULT,
    /** The key pair the camera generated is corrupt. */
    KEY_CORRUPT,
    /** The stored device configuration cannot be used (unreadable, or an uplink without authorization server). */
    UNUSABLE_CONFIGURATION,
    /** The operation's camera is not in the device store. */
    UNKNOWN_DEVICE,
    /**
     * Not a failure of the operation: a transfer or un-share finished, but the camera refused to remove the items
     * named after it (they stay on the camera; asking again would get the same answer).
     */
    REMOVAL_INCOMPLETE
}
