package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A worker's hold on one item of a work queue (a sharing operation, a notification) until {@code until}.
 * Every write a worker makes on the item presents the lease; once the lease has expired, or another worker
 * has taken the item over, those writes are refused.
 *
 * @param itemId the sharing operation or notification held
 * @param owner the worker, as it named itself when claiming (at most 128 characters)
 * @param until the lease ends at this instant
 */
public record Lease(UUID itemId, String owner, Instant until) {

    public Lease {
        Objects.requireNonNull(itemId, "itemId");
        requireOwner(owner);
        Objects.requireNonNull(until, "until");
    }

    static void requireOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > 128) {
            throw new IllegalArgumentException("lease owner must be 1 to 128 characters, not blank");
        }
    }
}
