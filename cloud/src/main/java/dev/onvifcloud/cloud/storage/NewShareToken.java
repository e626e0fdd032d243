package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A share token being issued, as recorded before it is handed out.
 *
 * @param jti the token's {@code jti}, 1 to 128 characters
 * @param deviceId the camera it shares
 * @param issuedBy the owner's account that asked for it
 * @param expiresAt after {@code issuedAt}
 */
public record NewShareToken(
        String jti, UUID deviceId, UUID issuedBy, SharingMode mode, Instant issuedAt, Instant expiresAt) {

    public NewShareToken {
        IssuedShareToken.requireJti(jti);
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
    }
}
