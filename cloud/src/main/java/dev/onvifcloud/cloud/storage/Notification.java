package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A queued notification.
 *
 * @param attempts delivery attempts started (claims) since it was queued or replayed
 * @param deadline no attempt is scheduled after this; a failure that would need one dead-letters it
 * @param deliveredTo the endpoint that accepted it, once DELIVERED
 */
public record Notification(
        UUID id,
        UUID operationId,
        List<URI> endpoints,
        String payload,
        NotificationState state,
        int attempts,
        Instant nextAttemptAt,
        Instant deadline,
        Optional<Lease> lease,
        Optional<String> lastError,
        Optional<URI> deliveredTo,
        Instant createdAt,
        Instant updatedAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operationId, "operationId");
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(deliveredTo, "deliveredTo");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
