package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.OperationStep;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.StepStatus;
import dev.onvifcloud.soap.Operation;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapFault;
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
import dev.onvifcloud.soap.uplink.DeleteUplink;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.namespace.QName;

/**
 * Removes from the camera what the steps of one sharing operation created (as {@link CameraSteps} recorded it),
 * for compensation and un-sharing alike. What another operation of the same camera still holds is kept: an uplink
 * with the same RemoteAddress (SetUplink replaced it), a trust anchor it reused. A trust anchor this operation
 * reused is removed when an earlier operation uploaded it and no live operation holds it any more; one that was on
 * the camera before any operation is never removed. An item already gone counts as removed.
 */
final class CameraRemoval {

    /** What the camera did with one item. */
    enum Result { REMOVED, ABSENT, REFUSED }

    /** The outcome of one deletion request; {@code fault} set when REFUSED. */
    record Deletion(Result result, Optional<SoapFault> fault) {

        boolean isGone() {
            return result != Result.REFUSED;
        }

        /** {@code removed}, {@code absent}, or {@code refused (ter:...)}. */
        String describe() {
            return switch (result) {
                case REMOVED -> "removed";
                case ABSENT -> "absent";
                case REFUSED -> "refused (" + fault.map(f -> f.subcodes().stream()
                        .map(q -> "ter:" + q.getLocalPart()).collect(Collectors.joining(" "))).orElse("") + ")";
            };
        }
    }

    private final OnvifClient client;
    private final Set<String> heldByOthers;
    private final Map<String, Optional<String>> uploadedCertificates;

    /**
     * @param client the camera
     * @param operation the operation whose items are removed
     * @param deviceOperations every operation of the camera, the one removed included
     * @param steps the recorded steps of an operation
     */
    CameraRemoval(OnvifClient client, SharingOperation operation, List<SharingOperation> deviceOperations,
                  Function<SharingOperation, List<OperationStep>> steps) {
        this.client = client;
        Set<String> held = new HashSet<>();
        Map<String, Optional<String>> uploaded = new HashMap<>();
        for (SharingOperation other : deviceOperations) {
            boolean holds = !other.id().equals(operation.id()) && other.state().holdsCameraItems();
            for (OperationStep step : steps.apply(other)) {
                Map<String, String> created = step.createdOnCamera();
                String certificate = created.get(CameraSteps.CERTIFICATE_ID);
                if (certificate != null) {
                    uploaded.put(certificate, Optional.ofNullable(created.get(CameraSteps.CERTIFICATE_KEY_ID)));
                }
                if (holds && step.status() != StepStatus.COMPENSATED) {
                    Optional.ofNullable(certificate).ifPresent(id -> held.add("certificate " + id));
                    Optional.ofNullable(created.get(CameraSteps.REUSED_CERTIFICATE_ID))
                            .ifPresent(id -> held.add("certificate " + id));
                    Optional.ofNullable(created.get(CameraSteps.UPLINK_REMOTE_ADDRESS))
                            .ifPresent(address -> held.add("uplink " + address));
                }
            }
        }
        this.heldByOthers = Set.copyOf(held);
        this.uploadedCertificates = Map.copyOf(uploaded);
    }

    /** Deletes what one step created, keeping what others hold; returns what the camera refused to delete. */
    List<String> remove(Map<String, String> created) throws CameraUnreachableException {
        List<String> left = new ArrayList<>();
        String value = created.get(CameraSteps.UPLINK_REMOTE_ADDRESS);
        if (value != null && !heldByOthers.contains("uplink " + value)
                && !deleteUplink(client, URI.create(value)).isGone()) {
            left.add(value);
        }
        value = created.get(CameraSteps.AUTHORIZATION_SERVER_TOKEN);
        if (value != null && !deleteAuthorizationServer(client, value).isGone()) {
            left.add(value);
        }
        value = created.get(CameraSteps.KEY_ID);
        if (value != null && !deleteKey(client, value).isGone()) {
            left.add(value);
        }
        value = created.get(CameraSteps.POLICY_ID);
        if (value != null && !deletePolicy(client, value).isGone()) {
            left.add(value);
        }
        Optional<String> certificate = Optional.ofNullable(created.get(CameraSteps.CERTIFICATE_ID))
                .or(() -> Optional.ofNullable(created.get(CameraSteps.REUSED_CERTIFICATE_ID))
                        .filter(uploadedCertificates::containsKey));
        if (certificate.isPresent() && !heldByOthers.contains("certificate " + certificate.get())) {
            if (!delete(client, SecurityOperations.DELETE_CERTIFICATE,
                    new DeleteCertificate(new CertificateID(certificate.get())), Ter.CERTIFICATE_ID).isGone()) {
                left.add(certificate.get());
            } else {
                Optional<String> key = Optional.ofNullable(created.get(CameraSteps.CERTIFICATE_KEY_ID))
                        .or(() -> uploadedCertificates.getOrDefault(certificate.get(), Optional.empty()));
                if (key.isPresent() && !deleteKey(client, key.get()).isGone()) {
                    left.add(key.get());
                }
            }
        }
        return left;
    }

    static Deletion deleteUplink(OnvifClient client, URI remoteAddress) throws CameraUnreachableException {
        return delete(client, UplinkOperations.DELETE_UPLINK, new DeleteUplink(remoteAddress), Ter.ADDRESS);
    }

    static Deletion deleteAuthorizationServer(OnvifClient client, String token) throws CameraUnreachableException {
        return delete(client, SecurityOperations.DELETE_AUTHORIZATION_SERVER_CONFIGURATION,
                new DeleteAuthorizationServerConfiguration(new ReferenceToken(token)), Ter.NO_CONFIG);
    }

    static Deletion deleteKey(OnvifClient client, String keyId) throws CameraUnreachableException {
        return delete(client, SecurityOperations.DELETE_KEY, new DeleteKey(new KeyID(keyId)), Ter.KEY_ID);
    }

    static Deletion deletePolicy(OnvifClient client, String policyId) throws CameraUnreachableException {
        return delete(client, SecurityOperations.DELETE_CERT_PATH_VALIDATION_POLICY,
                new DeleteCertPathValidationPolicy(new CertPathValidationPolicyID(policyId)),
                Ter.CERT_PATH_VALIDATION_POLICY_ID);
    }

    /** Deleted now, or already gone (the camera answers {@code gone}), or refused with another fault. */
    private static <Q extends SoapRequest, R extends SoapResponse> Deletion delete(OnvifClient client,
            Operation<Q, R> operation, Q request, QName gone) throws CameraUnreachableException {
        Reply<R> reply = client.call(operation, request);
        if (reply instanceof Reply.Success<R>) {
            return new Deletion(Result.REMOVED, Optional.empty());
        }
        SoapFault fault = ((Reply.Failure<R>) reply).fault();
        return fault.subcodes().contains(gone)
                ? new Deletion(Result.ABSENT, Optional.empty())
                : new Deletion(Result.REFUSED, Optional.of(fault));
    }
}
