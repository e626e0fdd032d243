package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.NewNotification;
import dev.onvifcloud.cloud.storage.OperationStep;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.StepProgress;
import dev.onvifcloud.cloud.storage.StepStatus;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One worker's turn at one claimed sharing operation, on a camera that is online: runs the steps not yet DONE,
 * recording each STARTED before the camera is asked and DONE (with what it created) before the next (a step's DONE,
 * the next one's STARTED, the audit entry and the lease renewal in one commit), then queues
 * {@code deviceSharingCompleted} and completes the operation in one transaction; or, when the camera refuses a
 * step, removes what the operation created, in reverse order, and fails it. Un-sharing removes the same way.
 */
final class SharingRun {

    /** How the turn ended. */
    enum Result { COMPLETED, RETRY_LATER, FAILED, LEASE_LOST, TRANSFERRED, UNSHARED }

    private final SharingWorker.Settings settings;
    private final Storage storage;
    private final OnvifClient client;
    private final SharingOperation operation;
    private final String serialNumber;
    private final Checkpoint checkpoint;
    private final Map<String, Map<String, String>> done = new HashMap<>();
    private final OperationLease held;

    SharingRun(SharingWorker.Settings settings, Storage storage, OnvifClient client, SharingOperation operation,
               String serialNumber, Checkpoint checkpoint) {
        this.settings = settings;
        this.storage = storage;
        this.client = client;
        this.operation = operation;
        this.serialNumber = serialNumber;
        this.checkpoint = checkpoint;
        this.held = new OperationLease(storage, settings, operation);
    }

    /** Configures the camera (an IN_PROGRESS operation). */
    Result configure(SharingPlan plan) {
        Map<String, OperationStep> recorded = new HashMap<>();
        for (OperationStep step : storage.sharingOperations().steps(operation.id())) {
            recorded.put(step.name(), step);
            if (step.status() == StepStatus.DONE) {
                done.put(step.name(), step.createdOnCamera());
            }
        }
        CameraSteps camera = new CameraSteps(client, plan, operation.id(), serialNumber, settings.keyStatusPolls(),
                settings.keyStatusInterval(), name -> done.getOrDefault(name, Map.of()));
        List<PlannedStep> remaining = plan.steps().stream().filter(step -> !done.containsKey(step.name())).toList();
        try {
            if (!remaining.isEmpty() && !recorded.containsKey(remaining.get(0).name())) {
                held.advance(List.of(remaining.get(0).started()), List.of());
            }
            for (int i = 0; i < remaining.size(); i++) {
                PlannedStep step = remaining.get(i);
                // Recorded before this run (STARTED by a worker that stopped): it may have run, its result is unknown.
                boolean resumed = recorded.containsKey(step.name());
                Map<String, String> created = camera.perform(step, resumed);
                checkpoint.cameraAnswered(operation.id(), step.name());
                // DONE, with the next step STARTED, in one commit: a crash after it finds the next step STARTED, as
                // after a crash between recording it and asking the camera, and looks on the camera before creating.
                List<StepProgress> progress = new ArrayList<>(2);
                progress.add(step.done(created));
                if (i + 1 < remaining.size() && !recorded.containsKey(remaining.get(i + 1).name())) {
                    progress.add(remaining.get(i + 1).started());
                }
                held.advance(progress, List.of(event("sharing.step.done", step.name() + " " + created, now())));
                done.put(step.name(), created);
                checkpoint.stepRecorded(operation.id(), step.name());
            }
            return finish(plan);
        } catch (StepRefused e) {
            String reason = e.getMessage();
            if (!storage.sharingOperations().compensate(held.current(), reason, now())) {
                return Result.LEASE_LOST;
            }
            audit("sharing.compensating", reason);
            return compensate(reason);
        } catch (StepDeferred e) {
            return retryLater(e.getMessage());
        } catch (CameraUnreachableException e) {
            return retryLater(RetryReason.CAMERA_UNREACHABLE + ": " + e.getMessage());
        } catch (LeaseLost e) {
            return Result.LEASE_LOST;
        }
    }

    /**
     * Removes from the camera what the operation's DONE steps created, latest first, recording each step
     * COMPENSATED, then fails the operation with {@code reason}. See {@link CameraRemoval} for what is kept; an
     * item the camera refuses to remove is left and audited.
     */
    Result compensate(String reason) {
        try {
            removeCreated("sharing.step.compensated", "sharing.step.compensation-incomplete");
        } catch (CameraUnreachableException e) {
            // Keep the failure reason: the operation stays COMPENSATING and resumes when the camera answers.
            return retryLater(reason);
        } catch (LeaseLost e) {
            return Result.LEASE_LOST;
        }
        if (!storage.sharingOperations().fail(held.current(), reason, now())) {
            return Result.LEASE_LOST;
        }
        audit("sharing.failed", reason);
        return Result.FAILED;
    }

    /**
     * Un-shares a COMPLETED share (state UNSHARING): removes what its steps created, as {@link #compensate} does,
     * then records it UNSHARED, with {@link FailureReason#REMOVAL_INCOMPLETE} naming what the camera refused to
     * remove (those items stay: asking again would get the same answer).
     */
    Result unshare() {
        List<String> left;
        try {
            left = removeCreated("unshare.step.removed", "unshare.step.removal-refused");
        } catch (CameraUnreachableException e) {
            return retryLater(RetryReason.CAMERA_UNREACHABLE + ": " + e.getMessage());
        } catch (LeaseLost e) {
            return Result.LEASE_LOST;
        }
        Optional<String> note = left.isEmpty() ? Optional.empty()
                : Optional.of(FailureReason.REMOVAL_INCOMPLETE + ": the camera kept " + left);
        Instant now = now();
        boolean recorded = storage.inTransaction(transaction -> {
            if (!transaction.sharingOperations().unshared(held.current(), note, now)) {
                transaction.setRollbackOnly();
                return false;
            }
            transaction.auditLog().append(event("sharing.unshared", note.orElse("everything removed"), now));
            return true;
        });
        return recorded ? Result.UNSHARED : Result.LEASE_LOST;
    }

    /** Removes what the DONE steps created, latest first; returns what the camera refused to remove. */
    private List<String> removeCreated(String removedAction, String refusedAction)
            throws CameraUnreachableException, LeaseLost {
        List<OperationStep> steps = new ArrayList<>(storage.sharingOperations().steps(operation.id()));
        steps.sort(Comparator.comparingInt(OperationStep::ordinal).reversed());
        CameraRemoval removal = new CameraRemoval(client, operation,
                storage.sharingOperations().findByDevice(operation.deviceId()),
                other -> storage.sharingOperations().steps(other.id()));
        List<String> refused = new ArrayList<>();
        for (OperationStep step : steps) {
            if (step.status() != StepStatus.DONE) {
                continue;
            }
            List<String> left = removal.remove(step.createdOnCamera());
            if (left.isEmpty()) {
                held.advance(List.of(new StepProgress(step.name(), step.ordinal(), StepStatus.COMPENSATED,
                        step.createdOnCamera())), List.of(event(removedAction,
                        step.name() + " " + step.createdOnCamera(), now())));
            } else {
                refused.addAll(left);
                held.advance(List.of(), List.of(event(refusedAction, step.name() + " left " + left, now())));
            }
        }
        return refused;
    }

    /** Queues deviceSharingCompleted and completes the operation, together or not at all. */
    private Result finish(SharingPlan plan) {
        Base64Der csr;
        try {
            csr = Base64Der.parse(done.get(SharingStep.CreatePKCS10CSR.name()).get(CameraSteps.CERTIFICATION_REQUEST));
        } catch (WireFormatException e) {
            throw new IllegalStateException("the recorded CSR cannot be read", e);
        }
        String payload = new String(settings.json().write(
                new DeviceSharingCompleted(plan.configuration().shareToken(), csr)), StandardCharsets.UTF_8);
        Instant now = now();
        boolean completed = storage.inTransaction(transaction -> {
            if (transaction.notifications().findByOperation(operation.id()).isEmpty()) {
                transaction.notifications().enqueue(new NewNotification(UUID.randomUUID(), operation.id(),
                        plan.configuration().endpointReferences(), payload), settings.notificationSchedule(), now);
            }
            if (!transaction.sharingOperations().complete(held.current(), now)) {
                transaction.setRollbackOnly();
                return false;
            }
            transaction.auditLog().append(event("sharing.completed",
                    "deviceSharingCompleted queued for " + plan.configuration().endpointReferences(), now));
            return true;
        });
        return completed ? Result.COMPLETED : Result.LEASE_LOST;
    }

    private Result retryLater(String reason) {
        if (!held.retryLater(reason)) {
            return Result.LEASE_LOST;
        }
        audit("sharing.retry", reason);
        return Result.RETRY_LATER;
    }



    private void audit(String action, String detail) {
        storage.auditLog().append(event(action, detail, now()));
    }

    private AuditEvent event(String action, String detail, Instant at) {
        String text = "camera " + serialNumber + ": " + detail;
        return new AuditEvent(at, settings.name(), action, operation.id().toString(),
                text.length() > 4000 ? text.substring(0, 4000) : text);
    }

    private Instant now() {
        return settings.clock().instant();
    }
}
