package dev.onvifcloud.cloud.storage;

/** Why {@link ClientStore#registerKey} refused a key. */
public enum ClientRefusal {
    /** There is no client with that id. */
    UNKNOWN_CLIENT,
    /** The client was revoked. */
    CLIENT_REVOKED,
    /** The client already has another key. */
    KEY_MISMATCH
}
