package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.NewNotification;
import dev.onvifcloud.cloud.storage.OperationStep;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.StepProgress;
import dev.onvifcloud.cloud.storage.StepRecording;
import dev.onvifcloud.cloud.storage.StepStatus;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.WireFormatException;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.DeleteAuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.DeleteCertPathValidationPolicy;
import dev.onvifcloud.soap.security.DeleteCertificate;
import dev.onvifcloud.soap.security.DeleteKey;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.uplink.DeleteUplink;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.namespace.QName;

/**
 * One worker's turn at one claimed sharing operation, on a camera that is online: runs the steps not yet DONE,
 * recording each STARTED before the camera is asked and DONE (with what it created) before the next, then queues
 * {@code deviceSharingCompleted} and completes the operation in one transaction; or, when the camera refuses a
 * step, removes what the operation created, in reverse order, and fails it.
 */
final class SharingRun {

    /** How the turn ended. */
    enum Result { COMPLETED, RETRY_LATER, FAILED, LEASE_LOST }

    private final SharingWorker.Settings settings;
    private final Storage storage;
    private final OnvifClient client;
    private final SharingOperation operation;
    private final String serialNumber;
    private final Checkpoint checkpoint;
    private final Map<String, Map<String, String>> done = new HashMap<>();
    private Lease lease;

    SharingRun(SharingWorker.Settings settings, Storage storage, OnvifClient client, SharingOperation operation,
               String serialNumber, Checkpoint checkpoint) {
        this.settings = settings;
        this.storage = storage;
        this.client = client;
        this.operation = operation;
        this.serialNumber = serialNumber;
        this.checkpoint = checkpoint;
        this.lease = operation.lease().orElseThrow(() -> new IllegalArgumentException("the operation is not leased"));
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
        try {
            for (PlannedStep step : plan.steps()) {
                if (done.containsKey(step.name())) {
                    continue;
                }
                boolean resumed = recorded.containsKey(step.name());
                if (!resumed) {
                    record(step.name(), step.ordinal(), StepStatus.STARTED, Map.of());
                }
                Map<String, String> created = camera.perform(step, resumed);
                checkpoint.cameraAnswered(operation.id(), step.name());
                record(step.name(), step.ordinal(), StepStatus.DONE, created);
                done.put(step.name(), created);
                audit("sharing.step.done", step.name() + " " + created);
                checkpoint.stepRecorded(operation.id(), step.name());
                renew();
            }
            return finish(plan);
        } catch (StepRefused e) {
            String reason = e.getMessage();
            if (!storage.sharingOperations().compensate(lease, reason, now())) {
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
     * COMPENSATED, then fails the operation with {@code reason}. A reused trust anchor is left alone; an item
     * already gone counts as removed; one the camera refuses to remove is left and audited.
     */
    Result compensate(String reason) {
        List<OperationStep> steps = new ArrayList<>(storage.sharingOperations().steps(operation.id()));
        steps.sort(Comparator.comparingInt(OperationStep::ordinal).reversed());
        try {
            for (OperationStep step : steps) {
                if (step.status() != StepStatus.DONE) {
                    continue;
                }
                List<String> left = remove(step.createdOnCamera());
                if (left.isEmpty()) {
                    record(step.name(), step.ordinal(), StepStatus.COMPENSATED, step.createdOnCamera());
                    audit("sharing.step.compensated", step.name() + " " + step.createdOnCamera());
                } else {
                    audit("sharing.step.compensation-incomplete", step.name() + " left " + left);
                }
                renew();
            }
        } catch (CameraUnreachableException e) {
            // Keep the failure reason: the operation stays COMPENSATING and resumes when the camera answers.
            return retryLater(reason);
        } catch (LeaseLost e) {
            return Result.LEASE_LOST;
        }
        if (!storage.sharingOperations().fail(lease, reason, now())) {
            return Result.LEASE_LOST;
        }
        audit("sharing.failed", reason);
        return Result.FAILED;
    }

    /** Deletes what one step created; returns what the camera refused to delete. */
    private List<String> remove(Map<String, String> created) throws CameraUnreachableException {
        List<String> left = new ArrayList<>();
        String value = created.get(CameraSteps.UPLINK_REMOTE_ADDRESS);
        if (value != null && !delete(UplinkOperations.DELETE_UPLINK, new DeleteUplink(URI.create(value)), Ter.ADDRESS)) {
            left.add(value);
        }
        value = created.get(CameraSteps.AUTHORIZATION_SERVER_TOKEN);
        if (value != null && !delete(SecurityOperations.DELETE_AUTHORIZATION_SERVER_CONFIGURATION,
                new DeleteAuthorizationServerConfiguration(new ReferenceToken(value)), Ter.NO_CONFIG)) {
            left.add(value);
        }
        value = created.get(CameraSteps.KEY_ID);
        if (value != null && !delete(SecurityOperations.DELETE_KEY, new DeleteKey(new KeyID(value)), Ter.KEY_ID)) {
            left.add(value);
        }
        value = created.get(CameraSteps.POLICY_ID);
        if (value != null && !delete(SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY,
                new DeleteCertPathValidationPolicy(new CertPathValidationPolicyID(value)),
                Ter.CERT_PATH_VALIDATION_POLICY_ID)) {
            left.add(value);
        }
        value = created.get(CameraSteps.CERTIFICATE_ID);
        if (value != null && !delete(SecurityOperations.DELETE_CERTIFICATE,
                new DeleteCertificate(new CertificateID(value)), Ter.CERTIFICATE_ID)) {
            left.add(value);
        }
        value = created.get(CameraSteps.CERTIFICATE_KEY_ID);
        if (value != null && !delete(SecurityOperations.DELETE_KEY, new DeleteKey(new KeyID(value)), Ter.KEY_ID)) {
            left.add(value);
        }
        return left;
    }

    /** True when the item is gone: deleted now, or the camera says it does not exist ({@code gone}). */
    private <Q extends SoapRequest, R extends SoapResponse> boolean delete(Operation<Q, R> operation, Q request,
                                                                          QName gone)
            throws CameraUnreachableException {
        Reply<R> reply = client.call(operation, request);
        return reply instanceof Reply.Success<R>
                || ((Reply.Failure<R>) reply).fault().subcodes().contains(gone);
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
            if (!transaction.sharingOperations().complete(lease, now)) {
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
        Instant now = now();
        if (!storage.sharingOperations().retryLater(lease, reason, now.plus(settings.retryDelay()), now)) {
            return Result.LEASE_LOST;
        }
        audit("sharing.retry", reason);
        return Result.RETRY_LATER;
    }

    private void record(String name, int ordinal, StepStatus status, Map<String, String> created) throws LeaseLost {
        StepRecording recording = storage.sharingOperations().recordStep(lease,
                new StepProgress(name, ordinal, status, created), now());
        if (recording == StepRecording.LEASE_LOST) {
            throw new LeaseLost();
        }
    }

    private void renew() throws LeaseLost {
        lease = storage.sharingOperations().renewLease(lease, settings.leaseDuration(), now())
                .orElseThrow(LeaseLost::new);
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
