package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A camera to add to the Operational Cloud Service, from the claims of its share token (decoded, maybe not
 * verified).
 *
 * @param shareToken the compact serialization, kept until the PCS acknowledged {@code startDeviceSharing}
 * @param shareTokenSha256 SHA-256 of the serialization's UTF-8 bytes, 64 lower-case hex digits
 */
public record NewOcsCamera(UUID id, UUID accountId, String clientId, String shareToken, String shareTokenSha256,
        String issuer, String jwtId, Instant tokenExpiresAt, URI xaddr, String serialNumber, String model,
        String manufacturer) {

    public NewOcsCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        OcsCamera.requireText(clientId, "clientId", 200);
        OcsCamera.requireText(shareToken, "shareToken", 8192);
        OcsCamera.requireSha256(shareTokenSha256);
        OcsCamera.requireText(issuer, "issuer", 1000);
        OcsCamera.requireText(jwtId, "jwtId", 256);
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(xaddr, "xaddr");
        OcsCamera.requireText(xaddr.toString(), "xaddr", 2000);
        OcsCamera.requireText(serialNumber, "serialNumber", 256);
        OcsCamera.requireText(model, "model", 256);
        OcsCamera.requireText(manufacturer, "manufacturer", 256);
    }

    /** Leaves the share token out: it is a bearer credential. */
    @Override
    public String toString() {
        return "NewOcsCamera[id=" + id + ", clientId=" + clientId + ", sn=" + serialNumber + ", xaddr=" + xaddr + "]";
    }
}
