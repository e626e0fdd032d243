package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored API key, without its secret.
 *
 * @param keyId the public part of the key
 * @param label what its holder calls it, 1 to 200 characters
 */
public record ApiKey(String keyId, UUID accountId, String label, Instant createdAt, Optional<Instant> revokedAt) {

    public ApiKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > 200) {
            throw new IllegalArgumentException("label must be 1 to 200 characters, not blank");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
