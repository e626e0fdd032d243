package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.OperationStep;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.StepProgress;
import dev.onvifcloud.cloud.storage.StepStatus;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.security.AuthorizationServerConfiguration;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.GetAuthorizationServerConfigurations;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One worker's turn at a confirmed transfer (state TRANSFERRING): removes this cloud's own access from the camera
 * ({@link OwnAccess}), then records the operation and the camera TRANSFERRED.
 *
 * <p>Steps, each recorded like the configuration's (ordinals from {@value #FIRST_ORDINAL}): {@code Transfer:plan}
 * reads the camera (GetUplinks, GetAuthorizationServerConfigurations) and records what to delete, so that a
 * resumed run deletes the same items; then one step per item: our authorization server configurations, their keys
 * and policies (unless something we do not own still uses them), and last our uplinks, since deleting the uplink
 * this request travels on ends the session. An item already gone counts as deleted; an item the camera refuses
 * to delete is left, recorded and audited, and the transfer still completes with
 * {@link FailureReason#REMOVAL_INCOMPLETE} (the OCS holds the camera now; asking again gets the same answer).
 * When the session closes on a DeleteUplink of our own uplink, the camera did what was asked.
 */
final class TransferRun {

    static final int FIRST_ORDINAL = 1000;
    static final String PLAN = "Transfer:plan";
    static final String OUTCOME = "outcome";

    /** Kinds of items, in the order they are deleted: the uplinks last. */
    private enum Kind {
        DeleteAuthorizationServerConfiguration("authorizationServer"),
        DeleteKey("key"),
        DeleteCertPathValidationPolicy("policy"),
        DeleteUplink("uplink");

        final String planName;

        Kind(String planName) {
            this.planName = planName;
        }
    }

    private final SharingWorker.Settings settings;
    private final Storage storage;
    private final OnvifClient client;
    private final SharingOperation operation;
    private final String serialNumber;
    private final Checkpoint checkpoint;
    private final OperationLease held;

    /** @param client the camera; empty when it is offline (only {@link #concludeWhileOffline} runs then) */
    TransferRun(SharingWorker.Settings settings, Storage storage, Optional<OnvifClient> client,
                SharingOperation operation, String serialNumber, Checkpoint checkpoint) {
        this.settings = settings;
        this.storage = storage;
        this.client = client.orElse(null);
        this.operation = operation;
        this.serialNumber = serialNumber;
        this.checkpoint = checkpoint;
        this.held = new OperationLease(storage, settings, operation);
    }

    SharingRun.Result revokeOwnAccess() {
        Map<String, OperationStep> recorded = new HashMap<>();
        for (OperationStep step : storage.sharingOperations().steps(operation.id())) {
            recorded.put(step.name(), step);
        }
        List<String> refused = new ArrayList<>();
        try {
            Map<String, String> plan = plan(recorded);
            int ordinal = FIRST_ORDINAL + 1;
            for (Kind kind : Kind.values()) {
                for (int i = 0; plan.containsKey(kind.planName + "." + i); i++, ordinal++) {
                    String name = "Transfer:" + kind.name() + ":" + i;
                    String item = plan.get(kind.planName + "." + i);
                    OperationStep step = recorded.get(name);
                    if (step != null && step.status() == StepStatus.DONE) {
                        if (step.createdOnCamera().getOrDefault(OUTCOME, "").startsWith("refused")) {
                            refused.add(kind.name() + " " + item + " " + step.createdOnCamera().get(OUTCOME));
                        }
                        continue;
                    }
                    if (step == null) {
                        held.advance(List.of(new StepProgress(name, ordinal, StepStatus.STARTED, Map.of())),
                                List.of());
                    }
                    String outcome = delete(kind, item);
                    checkpoint.cameraAnswered(operation.id(), name);
                    held.advance(List.of(new StepProgress(name, ordinal, StepStatus.DONE, Map.of(OUTCOME, outcome))),
                            List.of(event(operation.id().toString(),
                                    outcome.startsWith("refused") ? "transfer.step.refused" : "transfer.step.done",
                                    name + " " + item + " " + outcome, now())));
                    checkpoint.stepRecorded(operation.id(), name);
                    if (outcome.startsWith("refused")) {
                        refused.add(kind.name() + " " + item + " " + outcome);
                    }
                }
            }
        } catch (CameraUnreachableException e) {
            return retryLater(RetryReason.CAMERA_UNREACHABLE + ": " + e.getMessage());
        } catch (LeaseLost e) {
            return SharingRun.Result.LEASE_LOST;
        }
        return finish(refused);
    }

    /** Whether a DeleteUplink of our own uplink was sent (recorded STARTED) and its answer never recorded. */
    static boolean awaitsOwnUplinkDeletion(List<OperationStep> steps) {
        return steps.stream().anyMatch(step -> step.name().startsWith("Transfer:" + Kind.DeleteUplink.name() + ":")
                && step.status() == StepStatus.STARTED);
    }

    /**
     * With the camera offline after {@link #awaitsOwnUplinkDeletion}: the camera going away is what that deletion
     * does (it will not come back to us), so the transfer completes, the deletion recorded as presumed
     * ({@code session-gone}) and audited. Should the camera come back after all, its uplink is still ours.
     */
    SharingRun.Result concludeWhileOffline() {
        List<String> refused = new ArrayList<>();
        try {
            for (OperationStep step : storage.sharingOperations().steps(operation.id())) {
                String outcome = step.createdOnCamera().getOrDefault(OUTCOME, "");
                if (step.name().startsWith("Transfer:" + Kind.DeleteUplink.name() + ":")
                        && step.status() == StepStatus.STARTED) {
                    held.advance(List.of(new StepProgress(step.name(), step.ordinal(), StepStatus.DONE,
                            Map.of(OUTCOME, "session-gone"))), List.of(event(operation.id().toString(),
                            "transfer.step.presumed", step.name() + " unconfirmed: the camera left after it was sent",
                            now())));
                } else if (outcome.startsWith("refused")) {
                    refused.add(step.name() + " " + outcome);
                }
            }
        } catch (LeaseLost e) {
            return SharingRun.Result.LEASE_LOST;
        }
        return finish(refused);
    }

    /** The recorded plan, or the camera read and the plan recorded. */
    private Map<String, String> plan(Map<String, OperationStep> recorded)
            throws CameraUnreachableException, LeaseLost {
        OperationStep step = recorded.get(PLAN);
        if (step != null && step.status() == StepStatus.DONE) {
            return step.createdOnCamera();
        }
        if (step == null) {
            held.advance(List.of(new StepProgress(PLAN, FIRST_ORDINAL, StepStatus.STARTED, Map.of())), List.of());
        }
        List<UplinkConfiguration> uplinks = read(UplinkOperations.GET_UPLINKS, new GetUplinks())
                .map(response -> response.configurations()).orElse(List.of());
        List<AuthorizationServerConfiguration> servers = read(
                SecurityOperations.GET_AUTHORIZATION_SERVER_CONFIGURATIONS,
                new GetAuthorizationServerConfigurations(Optional.empty()))
                .map(response -> response.configurations()).orElse(List.of());
        OwnAccess own = settings.ownAccess();
        Set<String> serverTokens = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> policies = new LinkedHashSet<>();
        Set<KeyID> othersKeys = new LinkedHashSet<>();
        Set<CertPathValidationPolicyID> othersPolicies = new LinkedHashSet<>();
        for (AuthorizationServerConfiguration server : servers) {
            if (!own.ownsAuthorizationServer(server.data().serverUri())) {
                server.data().keyID().ifPresent(othersKeys::add);
                server.data().certPathValidationPolicyID().ifPresent(othersPolicies::add);
            }
        }
        for (UplinkConfiguration uplink : uplinks) {
            uplink.certPathValidationPolicyID().ifPresent(id -> othersPolicies.add(new CertPathValidationPolicyID(id)));
        }
        for (AuthorizationServerConfiguration server : servers) {
            if (own.ownsAuthorizationServer(server.data().serverUri())) {
                serverTokens.add(server.token().value());
                server.data().keyID().filter(key -> !othersKeys.contains(key))
                        .ifPresent(key -> keys.add(key.value()));
                server.data().certPathValidationPolicyID().filter(policy -> !othersPolicies.contains(policy))
                        .ifPresent(policy -> policies.add(policy.value()));
            }
        }
        Set<String> ownUplinks = new LinkedHashSet<>();
        for (UplinkConfiguration uplink : uplinks) {
            if (own.ownsUplink(uplink.remoteAddress())) {
                ownUplinks.add(uplink.remoteAddress().toString());
            }
        }
        checkpoint.cameraAnswered(operation.id(), PLAN);
        Map<String, String> plan = new TreeMap<>();
        put(plan, Kind.DeleteAuthorizationServerConfiguration, serverTokens);
        put(plan, Kind.DeleteKey, keys);
        put(plan, Kind.DeleteCertPathValidationPolicy, policies);
        put(plan, Kind.DeleteUplink, ownUplinks);
        held.advance(List.of(new StepProgress(PLAN, FIRST_ORDINAL, StepStatus.DONE, plan)),
                List.of(event(operation.id().toString(), "transfer.planned",
                        own.isEmpty() ? "no own access configured: nothing to remove" : plan.toString(), now())));
        checkpoint.stepRecorded(operation.id(), PLAN);
        return plan;
    }

    private static void put(Map<String, String> plan, Kind kind, Set<String> items) {
        int i = 0;
        for (String item : items) {
            plan.put(kind.planName + "." + i++, item);
        }
    }

    /** Deletes one item: {@code removed}, {@code absent}, {@code refused (...)} or {@code session-closed}. */
    private String delete(Kind kind, String item) throws CameraUnreachableException {
        return switch (kind) {
            case DeleteAuthorizationServerConfiguration ->
                    CameraRemoval.deleteAuthorizationServer(client, item).describe();
            case DeleteKey -> CameraRemoval.deleteKey(client, item).describe();
            case DeleteCertPathValidationPolicy -> CameraRemoval.deletePolicy(client, item).describe();
            case DeleteUplink -> {
                boolean openBefore = client.session().isOpen();
                try {
                    yield CameraRemoval.deleteUplink(client, URI.create(item)).describe();
                } catch (CameraUnreachableException e) {
                    // Closed while our request was in flight: what deleting the uplink we travel on does.
                    if (openBefore && e.reason() == CameraUnreachableException.Reason.SESSION_CLOSED) {
                        yield "session-closed";
                    }
                    throw e;
                }
            }
        };
    }

    /** A read whose fault means "nothing of that kind" (a camera without the service). */
    private <Q extends SoapRequest, R extends SoapResponse> Optional<R> read(Operation<Q, R> operation, Q request)
            throws CameraUnreachableException {
        Reply<R> reply = client.call(operation, request);
        if (reply instanceof Reply.Success<R> success) {
            return Optional.of(success.response());
        }
        audit("transfer.read-refused", operation.name() + " answered a fault: "
                + ((Reply.Failure<R>) reply).fault().reason());
        return Optional.empty();
    }

    private SharingRun.Result finish(List<String> refused) {
        Optional<String> note = refused.isEmpty() ? Optional.empty()
                : Optional.of(FailureReason.REMOVAL_INCOMPLETE + ": the camera kept " + refused);
        Instant now = now();
        boolean recorded = storage.inTransaction(transaction -> {
            if (!transaction.sharingOperations().transferred(held.current(), note, now)) {
                transaction.setRollbackOnly();
                return false;
            }
            transaction.auditLog().append(event(operation.id().toString(), "sharing.transferred",
                    note.orElse("own access removed"), now));
            transaction.auditLog().append(event(serialNumber, "device.transferred",
                    "operation " + operation.id(), now));
            return true;
        });
        return recorded ? SharingRun.Result.TRANSFERRED : SharingRun.Result.LEASE_LOST;
    }

    private SharingRun.Result retryLater(String reason) {
        if (!held.retryLater(reason)) {
            return SharingRun.Result.LEASE_LOST;
        }
        audit("transfer.retry", reason);
        return SharingRun.Result.RETRY_LATER;
    }



    private void audit(String action, String detail) {
        storage.auditLog().append(event(operation.id().toString(), action, detail, now()));
    }

    private AuditEvent event(String subject, String action, String detail, Instant at) {
        String text = "camera " + serialNumber + ": " + detail;
        return new AuditEvent(at, settings.name(), action, subject,
                text.length() > 4000 ? text.substring(0, 4000) : text);
    }

    private Instant now() {
        return settings.clock().instant();
    }
}
