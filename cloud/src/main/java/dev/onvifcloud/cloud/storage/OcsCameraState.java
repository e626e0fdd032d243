package dev.onvifcloud.cloud.storage;

/** Where a camera added to the Operational Cloud Service by share token stands. */
public enum OcsCameraState {
    /** Added; {@code startDeviceSharing} not yet acknowledged by the PCS (the sharing requester's queue). */
    PENDING,
    /** The PCS answered {@code 200} to {@code startDeviceSharing}. */
    SHARING_REQUESTED,
    /** {@code deviceSharingCompleted} registered the camera's public key for its client. */
    REGISTERED,
    /** The camera connected its uplink and {@code GetDeviceInformation} matched the share token's claims. */
    VERIFIED,
    /** The PCS refused the request, or it could not be delivered in time; {@link OcsCamera#reason()} says why. */
    FAILED,
    /** The camera reported another manufacturer, model or serial number than its share token; client revoked. */
    IDENTITY_MISMATCH,
    /** Removed by its account; client revoked. */
    REMOVED;

    /** Whether the camera's client may still register a key and connect. */
    public boolean isActive() {
        return this == PENDING || this == SHARING_REQUESTED || this == REGISTERED || this == VERIFIED;
    }
}
