package dev.onvifcloud.cloud.storage;

/** Where a client registration of the authorization server stands. */
public enum OAuthClientState {
    /** Created for a camera being shared; no key registered yet, no tokens. */
    PENDING,
    /** Its public key is registered (deviceSharingCompleted); it may obtain access tokens. */
    REGISTERED,
    /** Revoked for good: no tokens, no uplink. */
    REVOKED
}
