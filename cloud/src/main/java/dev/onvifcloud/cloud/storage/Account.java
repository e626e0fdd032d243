package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An account of the cloud: an owner who claims cameras and issues share tokens, or an API client.
 *
 * @param name unique, 1 to 200 characters
 */
public record Account(UUID id, String name, Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        requireName(name);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("account name must be 1 to 200 characters, not blank");
        }
    }
}
