package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.StepProgress;
import dev.onvifcloud.cloud.storage.Storage;
import java.time.Instant;
import java.util.List;

/**
 * The lease a run holds on its sharing operation, and the bookkeeping every run does under it: recording steps with
 * their audit and renewing the lease (one commit), putting the operation back for later. Each call fails with
 * {@link LeaseLost} (or answers {@code false}) when another worker took the operation over. Not thread-safe: one run
 * uses it.
 */
final class OperationLease {

    private final Storage storage;
    private final SharingWorker.Settings settings;
    private Lease lease;

    OperationLease(Storage storage, SharingWorker.Settings settings, SharingOperation operation) {
        this.storage = storage;
        this.settings = settings;
        this.lease = operation.lease().orElseThrow(() -> new IllegalArgumentException("the operation is not leased"));
    }

    /** The lease as held now (renewals replace it). */
    Lease current() {
        return lease;
    }

    /**
     * Records the steps' progress and the audit events and renews the lease, in one transaction: all of it, or nothing
     * and {@link LeaseLost} when another worker took the operation over.
     */
    void advance(List<StepProgress> steps, List<AuditEvent> audit) throws LeaseLost {
        lease = storage.sharingOperations().recordSteps(lease, steps, audit, settings.leaseDuration(), now())
                .orElseThrow(LeaseLost::new);
    }

    /** Puts the operation back, due after the retry delay; {@code false} when the lease was lost. */
    boolean retryLater(String reason) {
        Instant now = now();
        return storage.sharingOperations().retryLater(lease, reason, now.plus(settings.retryDelay()), now);
    }

    private Instant now() {
        return settings.clock().instant();
    }
}
