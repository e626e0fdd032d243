package dev.onvifcloud.cloud.storage;

/** Why a presented API key was not accepted. */
public enum ApiKeyRefusal {
    /** Not of the API key format. */
    MALFORMED,
    /** No key with this key id. */
    UNKNOWN_KEY,
    /** The key id exists, the secret is wrong. */
    WRONG_SECRET,
    /** The key was right but has been revoked. */
    REVOKED
}
