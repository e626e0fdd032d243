package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A persisted sharing operation: configuring one camera for one Operational Cloud Service.
 *
 * @param currentStep the step last recorded
 * @param attempts how many times a worker has claimed it
 * @param nextAttemptAt when it is due for a worker
 * @param lease the worker holding it, if any (an expired lease may still be shown until another worker claims it)
 */
public record SharingOperation(
        UUID id,
        UUID deviceId,
        String tokenJti,
        SharingMode mode,
        UUID requestId,
        String requestSha256,
        String deviceConfiguration,
        SharingOperationState state,
        Optional<String> currentStep,
        int attempts,
        Instant nextAttemptAt,
        Optional<Lease> lease,
        Optional<String> failureReason,
        Instant createdAt,
        Instant updatedAt) {

    public SharingOperation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(tokenJti, "tokenJti");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestSha256, "requestSha256");
        Objects.requireNonNull(deviceConfiguration, "deviceConfiguration");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(currentStep, "currentStep");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(failureReason, "failureReason");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }
}
