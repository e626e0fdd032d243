package dev.onvifcloud.cloud.operational;

/**
 * Why {@code deviceSharingCompleted} was refused. Logged and audited only: the PCS gets one answer for all of them.
 */
public enum CompletionRefusal {
    /** The body is not a {@code deviceSharingCompleted} message. */
    MALFORMED_REQUEST,
    /** No camera of ours has this share token. */
    UNKNOWN_SHARE_TOKEN,
    /** The camera was removed, failed, or reported another identity: its client is gone. */
    CAMERA_NOT_ACTIVE,
    /** {@code devicePublicKey} is not a well-formed, self-signed PKCS#10 request. */
    BAD_CERTIFICATION_REQUEST,
    /** The request's key is weak, or of a type we do not accept. */
    KEY_NOT_ACCEPTED,
    /** The camera's client has another key registered already. */
    KEY_MISMATCH
}
