package dev.onvifcloud.cloud.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sharing operations and their steps: what {@code startDeviceSharing} accepted, and the work queue of the
 * workers that configure the cameras. A worker claims due operations, holds each under a {@link Lease},
 * records every step with what it created on the camera, and finally completes, retries later, compensates
 * or fails the operation. Every write by a worker presents its lease and is refused once it has lost it.
 */
public interface SharingOperationStore {

    /**
     * Persists the operations of one request and marks their share tokens used, in one transaction: if any
     * token cannot be used, nothing of the request is persisted and the first such token is reported.
     * Each operation takes its device and mode from its token's record. Operations start IN_PROGRESS, due now.
     *
     * @throws StorageConstraintException UNIQUE ({@code sharing_operations_pk}) for an operation id in use
     */
    Outcome<List<SharingOperation>, RefusedShareToken> start(SharingRequest request, Instant now);

    Optional<SharingOperation> find(UUID operationId);

    List<SharingOperation> findByRequest(UUID requestId);

    Optional<SharingOperation> findByShareToken(String jti);

    /** The operations of a camera, oldest first. */
    List<SharingOperation> findByDevice(UUID deviceId);

    /**
     * Makes the camera's active operations that wait for a later attempt, and are held by no live lease, due at
     * {@code now} (the camera came online); returns how many.
     */
    int makeDue(UUID deviceId, Instant now);

    /**
     * Claims up to {@code limit} active operations that are due at {@code now} and held by no live lease,
     * leasing them to {@code leaseOwner} until {@code now + leaseDuration} and counting an attempt. Concurrent
     * claimers, in this process or on other nodes, never get the same operation.
     */
    List<SharingOperation> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit);

    /** Extends a lease still held; empty when it was lost. */
    Optional<Lease> renewLease(Lease lease, Duration leaseDuration, Instant now);

    /** The recorded steps of an operation, by ordinal. */
    List<OperationStep> steps(UUID operationId);

    /**
     * Records a step's progress, idempotently: recording a status the step already has changes nothing.
     * Moving a step forward merges {@code createdOnCamera} into what was recorded.
     */
    StepRecording recordStep(Lease lease, StepProgress step, Instant now);

    /**
     * Records the progress of several steps (each as {@link #recordStep} does: idempotently, forward only), appends
     * the audit events and renews the lease to {@code now + leaseDuration}, in one transaction under one check of the
     * lease: all of it, or nothing when the lease was lost. A worker records a step DONE together with the next one
     * STARTED, what the step did to the camera and the renewal in one commit.
     *
     * @param steps distinct steps, in the order they are recorded (the last one recorded becomes the current step)
     * @return the renewed lease; empty when the lease was lost (nothing was written)
     */
    Optional<Lease> recordSteps(Lease lease, List<StepProgress> steps, List<AuditEvent> audit, Duration leaseDuration,
                                Instant now);

    /** IN_PROGRESS to COMPLETED, releasing the lease; false when the lease was lost or the state differs. */
    boolean complete(Lease lease, Instant now);

    /** Releases the lease and makes the operation due again at {@code nextAttemptAt}; false when the lease was lost. */
    boolean retryLater(Lease lease, String reason, Instant nextAttemptAt, Instant now);

    /** IN_PROGRESS to COMPENSATING, keeping the lease; false when the lease was lost or the state differs. */
    boolean compensate(Lease lease, String reason, Instant now);

    /** To FAILED, releasing the lease; false when the lease was lost or the operation is no longer active. */
    boolean fail(Lease lease, String reason, Instant now);

    /**
     * The Operational Cloud Service confirmed the operation (deviceSharingCompleted was answered 2xx): a COMPLETED
     * transfer becomes TRANSFERRING, due now, for a worker to remove this cloud's own access. False (and nothing
     * changes) for a share, or an operation in another state.
     */
    boolean confirm(UUID operationId, Instant now);

    /**
     * TRANSFERRING to TRANSFERRED, releasing the lease, and the operation's camera recorded TRANSFERRED, in one
     * transaction; {@code note} names what could not be removed from the camera. False when the lease was lost.
     */
    boolean transferred(Lease lease, Optional<String> note, Instant now);

    /**
     * The owner un-shares a COMPLETED share: it becomes UNSHARING, due now, for a worker to remove what it created
     * on the camera. Refused for an operation in another state, a transfer, or a camera transferred or being
     * transferred.
     */
    Outcome<SharingOperation, UnsharingRefusal> unshare(UUID operationId, Instant now);

    /** UNSHARING to UNSHARED, releasing the lease; {@code note} names what was left. False when the lease was lost. */
    boolean unshared(Lease lease, Optional<String> note, Instant now);
}
