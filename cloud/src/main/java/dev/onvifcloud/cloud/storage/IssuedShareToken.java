package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A share token this Provisioning Cloud Service issued, and what became of it.
 *
 * @param usedAt when {@code startDeviceSharing} used it; present together with {@code usedByOperation}
 */
public record IssuedShareToken(
        String jti,
        UUID deviceId,
        UUID issuedBy,
        SharingMode mode,
        Instant issuedAt,
        Instant expiresAt,
        Optional<Instant> usedAt,
        Optional<UUID> usedByOperation,
        Optional<Instant> revokedAt) {

    public IssuedShareToken {
        requireJti(jti);
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(usedByOperation, "usedByOperation");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (usedAt.isPresent() != usedByOperation.isPresent()) {
            throw new IllegalArgumentException("usedAt and usedByOperation are present together");
        }
    }

    public boolean isUsed() {
        return usedAt.isPresent();
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }

    /** Whether the token has expired at {@code now} ({@code exp} is the first instant it is no longer valid). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    static void requireJti(String jti) {
        Objects.requireNonNull(jti, "jti");
        if (jti.isEmpty() || jti.length() > 128) {
            throw new IllegalArgumentException("jti must be 1 to 128 characters");
        }
    }
}
