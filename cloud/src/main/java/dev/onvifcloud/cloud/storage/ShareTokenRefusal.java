package dev.onvifcloud.cloud.storage;

/** Why a share token cannot be used (by {@code startDeviceSharing}). */
public enum ShareTokenRefusal {
    /** This cloud issued no token with this {@code jti}. */
    UNKNOWN,
    /** The token was used already: a share token is used once. */
    ALREADY_USED,
    /** The owner revoked it. */
    REVOKED,
    /** Its expiry time has passed. */
    EXPIRED,
    /** The account that issued it no longer owns the camera (transferred, or claimed by someone else). */
    ISSUER_NOT_OWNER
}
