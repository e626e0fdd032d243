package dev.onvifcloud.cloud.provisioning.worker;

/** Why a sharing operation was put back to be tried later; the stored reason starts with the constant's name. */
public enum RetryReason {
    /** The camera has no factory uplink session to this cloud. */
    CAMERA_OFFLINE,
    /** A request to the camera got no answer: its result is checked on the camera when the operation resumes. */
    CAMERA_UNREACHABLE,
    /** The camera is still generating the key pair. */
    KEY_GENERATING
}
