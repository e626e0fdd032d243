package dev.onvifcloud.cloud.provisioning.worker;

import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.CLIENT_ID;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_AUTHORIZATION_SERVER;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_NOTIFICATION_ENDPOINT;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_UPLINK;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.PATIENCE;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.OperationStep;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import dev.onvifcloud.cloud.storage.StepStatus;
import dev.onvifcloud.device.DeviceLimits;
import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.device.state.StoredCertificate;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.ClientAuthenticationMethod;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sharing worker against the reference camera, over its real factory uplink. */
class SharingWorkerTest {

    @TempDir
    Path directory;

    private CloudWithCamera cloud;

    @AfterEach
    void close() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void configures_the_camera_with_exactly_the_configured_items_and_queues_device_sharing_completed()
            throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());

        assertThat(cloud.worker("worker-1").build().runOnce()).isEqualTo(1);

        SharingOperation operation = cloud.operation(operationId);
        assertThat(operation.state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(cloud.database.sharingOperations().steps(operationId)).extracting(OperationStep::status)
                .containsOnly(StepStatus.DONE);
        assertConfiguredOnce(before, operationId);
        assertThat(cloud.database.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(operationId.toString()), 0, 1000)))
                .extracting(entry -> entry.event().action()).contains("sharing.step.done", "sharing.completed");
    }

    @Test
    void an_operation_for_an_offline_camera_completes_when_the_camera_comes_online() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());
        cloud.stopCamera();

        assertThat(cloud.worker("worker-1").build().runOnce()).isEqualTo(1);
        SharingOperation waiting = cloud.operation(operationId);
        assertThat(waiting.state()).isEqualTo(SharingOperationState.IN_PROGRESS);
        assertThat(waiting.failureReason()).hasValueSatisfying(reason ->
                assertThat(reason).startsWith(RetryReason.CAMERA_OFFLINE.name()));
        assertThat(cloud.database.sharingOperations().steps(operationId)).isEmpty();

        cloud.startCamera();
        try (SharingWorker worker = cloud.worker("worker-2").retryDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).build().start()) {
            cloud.clock.advance(Duration.ofSeconds(10));
            await().atMost(PATIENCE).until(() -> cloud.operation(operationId).state().isActive(), active -> !active);
        }
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertConfiguredOnce(before, operationId);
    }

    /** A worker stops after the camera answered a step but before recording it; another takes over. */
    @ParameterizedTest
    @ValueSource(strings = {"UploadCertificate:0", "UploadCertificate:1", "CreateCertPathValidationPolicy:0",
            "CreateCertPathValidationPolicy:1", "CreateECCKeyPair", "CreatePKCS10CSR",
            "CreateAuthorizationServerConfiguration:0", "SetUplink:0"})
    void a_worker_stopped_before_recording_a_step_is_resumed_without_duplicating_anything(String step)
            throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());
        SharingWorker crashing = cloud.worker("worker-1").checkpoint(new Checkpoint() {
            @Override
            public void cameraAnswered(UUID operation, String stepName) {
                if (stepName.equals(step)) {
                    throw new IllegalStateException("simulated crash after the camera answered " + stepName);
                }
            }
        }).build();

        crashing.runOnce();
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.IN_PROGRESS);
        assertThat(cloud.database.sharingOperations().steps(operationId))
                .filteredOn(recorded -> recorded.name().equals(step))
                .extracting(OperationStep::status).containsExactly(StepStatus.STARTED);
        assertThat(cloud.worker("worker-2").build().runOnce()).as("still leased by the stopped worker").isZero();

        cloud.clock.advance(Duration.ofMinutes(6));
        assertThat(cloud.worker("worker-2").build().runOnce()).isEqualTo(1);

        SharingOperation operation = cloud.operation(operationId);
        assertThat(operation.state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(operation.attempts()).isEqualTo(2);
        assertConfiguredOnce(before, operationId);
    }

    @Test
    void a_worker_stopped_after_recording_a_step_is_resumed_from_the_next_step() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());
        cloud.worker("worker-1").checkpoint(new Checkpoint() {
            @Override
            public void stepRecorded(UUID operation, String stepName) {
                if (stepName.equals("CreateECCKeyPair")) {
                    throw new IllegalStateException("simulated crash after recording " + stepName);
                }
            }
        }).build().runOnce();

        cloud.clock.advance(Duration.ofMinutes(6));
        assertThat(cloud.worker("worker-2").build().runOnce()).isEqualTo(1);

        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertConfiguredOnce(before, operationId);
    }

    /** The lease runs out while the camera works on a step and another worker takes the operation over. */
    @Test
    void a_worker_that_lost_its_lease_records_nothing_more_and_the_operation_completes_once() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());
        List<SharingOperation> takenOver = new java.util.ArrayList<>();
        SharingWorker fenced = cloud.worker("worker-1").checkpoint(new Checkpoint() {
            @Override
            public void cameraAnswered(UUID operation, String stepName) {
                if (stepName.equals("CreateECCKeyPair")) {
                    cloud.clock.advance(Duration.ofMinutes(6));
                    takenOver.addAll(cloud.database.sharingOperations().claimDue(cloud.clock.instant(), "worker-2",
                            Duration.ofMinutes(5), 1));
                }
            }
        }).build();

        assertThat(fenced.runOnce()).isEqualTo(1);

        assertThat(takenOver).singleElement().extracting(SharingOperation::id).isEqualTo(operationId);
        SharingOperation operation = cloud.operation(operationId);
        assertThat(operation.state()).isEqualTo(SharingOperationState.IN_PROGRESS);
        assertThat(operation.lease()).isEqualTo(takenOver.get(0).lease());
        assertThat(cloud.database.sharingOperations().steps(operationId))
                .extracting(OperationStep::name, OperationStep::status)
                .endsWith(tuple("CreateECCKeyPair", StepStatus.STARTED))
                .noneMatch(step -> step.toList().contains("CreatePKCS10CSR"));
        assertThat(cloud.database.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(operationId.toString()), 0, 1000)))
                .extracting(entry -> entry.event().detail())
                .noneMatch(detail -> detail.contains("CreateECCKeyPair"));

        cloud.clock.advance(Duration.ofMinutes(6));
        assertThat(cloud.worker("worker-3").build().runOnce()).isEqualTo(1);
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertConfiguredOnce(before, operationId);
    }

    @Test
    void a_camera_fault_fails_the_operation_and_removes_what_it_created() throws Exception {
        // The factory uplink to the MCS takes the camera's only uplink: SetUplink, the last step, is refused.
        cloud = new CloudWithCamera(directory, new DeviceLimits(32, 32, 16, 8, 1));
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());

        assertThat(cloud.worker("worker-1").build().runOnce()).isEqualTo(1);

        SharingOperation operation = cloud.operation(operationId);
        assertThat(operation.state()).isEqualTo(SharingOperationState.FAILED);
        assertThat(operation.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith(FailureReason.CAMERA_FAULT.name()).contains("SetUplink:0", "ter:MaxUplinks"));
        assertThat(cloud.cameraItems()).isEqualTo(before);
        List<OperationStep> steps = cloud.database.sharingOperations().steps(operationId);
        assertThat(steps).filteredOn(step -> !step.name().equals("SetUplink:0"))
                .extracting(OperationStep::status).containsOnly(StepStatus.COMPENSATED);
        assertThat(steps).filteredOn(step -> step.name().equals("SetUplink:0"))
                .extracting(OperationStep::status).containsExactly(StepStatus.STARTED);
        assertThat(cloud.database.notifications().findByOperation(operationId)).isEmpty();
        assertThat(cloud.database.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(operationId.toString()), 0, 1000)))
                .extracting(entry -> entry.event().action())
                .contains("sharing.compensating", "sharing.step.compensated", "sharing.failed");
    }

    @Test
    void a_trust_anchor_the_camera_refuses_fails_the_operation_after_removing_the_anchor_uploaded_before_it()
            throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        var valid = CloudWithCamera.configuration();
        byte[] notACertificate = {0x30, 0x03, 0x02, 0x01, 0x01}; // SEQUENCE { INTEGER 1 }
        var configuration = new dev.onvifcloud.protocol.DeviceConfiguration(valid.shareToken(),
                valid.endpointReferences(), valid.uplinkConfigurations(), valid.authorizationServerConfigurations(),
                List.of(valid.certPathValidationPolicies().get(0), new dev.onvifcloud.protocol.CertPathValidationPolicy(
                        "as", List.of(dev.onvifcloud.protocol.Base64Der.of(notACertificate)))));
        UUID operationId = cloud.startSharing(configuration);

        cloud.worker("worker-1").build().runOnce();

        SharingOperation operation = cloud.operation(operationId);
        assertThat(operation.state()).isEqualTo(SharingOperationState.FAILED);
        assertThat(operation.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("UploadCertificate:2", "ter:BadCertificate"));
        assertThat(cloud.cameraItems()).isEqualTo(before);
    }

    @Test
    void a_share_is_not_touched_when_its_ocs_confirms_it() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration());
        cloud.worker("worker-1").build().runOnce();

        assertThat(cloud.database.sharingOperations().confirm(operationId, cloud.clock.instant())).isFalse();

        assertThat(cloud.worker("worker-1").build().runOnce()).isZero();
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(cloud.camera().state().uplinks()).containsKeys(cloud.mcsUplink(), OCS_UPLINK);
    }

    @Test
    void a_transfer_is_not_carried_out_before_its_ocs_confirms_it() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(), SharingMode.TRANSFER);
        cloud.worker("worker-1").build().runOnce();
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);

        assertThat(cloud.worker("worker-1").build().runOnce()).isZero();
        assertThat(cloud.camera().state().uplinks()).containsKey(cloud.mcsUplink());

        assertThat(cloud.database.sharingOperations().confirm(operationId, cloud.clock.instant())).isTrue();
        assertThat(cloud.worker("worker-1").build().runOnce()).isEqualTo(1);

        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.TRANSFERRED);
        assertThat(cloud.camera().state().uplinks()).containsOnlyKeys(OCS_UPLINK);
        assertThat(cloud.database.sharingOperations().steps(operationId))
                .filteredOn(step -> step.name().startsWith("Transfer:"))
                .extracting(OperationStep::name, step -> step.createdOnCamera().get(TransferRun.OUTCOME))
                .containsExactly(tuple("Transfer:plan", null), tuple("Transfer:DeleteUplink:0", "removed"));
        assertThat(cloud.database.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(CloudWithCamera.SERIAL), 0, 1000)))
                .extracting(entry -> entry.event().action()).contains("device.transferred");
    }

    /**
     * Our own authorization server configuration (this PCS as an OCS too) is still named by an uplink that is not
     * ours: the camera refuses to delete it (ter:ReferenceExists). The transfer completes anyway, naming what stayed.
     */
    @Test
    void a_transfer_completes_when_the_camera_refuses_to_delete_one_of_our_items_and_names_it() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        UUID ownShare = cloud.startSharing(CloudWithCamera.configuration());
        cloud.worker("worker-1").build().runOnce();
        assertThat(cloud.operation(ownShare).state()).isEqualTo(SharingOperationState.COMPLETED);
        var valid = CloudWithCamera.configuration();
        java.net.URI otherServer = java.net.URI.create("https://127.0.0.2:9/as");
        var elsewhere = new dev.onvifcloud.protocol.DeviceConfiguration(valid.shareToken(), valid.endpointReferences(),
                List.of(new dev.onvifcloud.protocol.UplinkConfiguration(java.net.URI.create("https://127.0.0.2:9/uplink"),
                        dev.onvifcloud.protocol.UserLevel.Operator, "uplink")),
                List.of(new dev.onvifcloud.protocol.AuthorizationServerConfiguration(otherServer, "other-client",
                        Optional.empty(), "as")),
                valid.certPathValidationPolicies());
        UUID transfer = cloud.startSharing(elsewhere, SharingMode.TRANSFER);
        cloud.worker("worker-1").build().runOnce();
        assertThat(cloud.database.sharingOperations().confirm(transfer, cloud.clock.instant())).isTrue();

        cloud.worker("worker-1").ownAccess(cloud.ownAccess().withAuthorizationServers(OCS_AUTHORIZATION_SERVER))
                .build().runOnce();

        SharingOperation operation = cloud.operation(transfer);
        assertThat(operation.state()).isEqualTo(SharingOperationState.TRANSFERRED);
        assertThat(operation.failureReason()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith(FailureReason.REMOVAL_INCOMPLETE.name())
                .contains("DeleteAuthorizationServerConfiguration", "ter:ReferenceExists"));
        assertThat(cloud.database.devices().findBySerialNumber(CloudWithCamera.SERIAL).orElseThrow().state())
                .isEqualTo(dev.onvifcloud.cloud.storage.DeviceState.TRANSFERRED);
        assertThat(cloud.camera().state().uplinks()).doesNotContainKey(cloud.mcsUplink());
        assertThat(cloud.camera().state().authorizationServers().values())
                .extracting(AuthorizationServerConfigurationData::serverUri)
                .containsExactlyInAnyOrder(OCS_AUTHORIZATION_SERVER, otherServer);
        assertThat(cloud.database.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(transfer.toString()), 0, 1000)))
                .extracting(entry -> entry.event().action()).contains("transfer.step.refused", "sharing.transferred");
    }

    @Test
    void unsharing_keeps_a_trust_anchor_another_share_uses_until_that_one_is_unshared_too() throws Exception {
        cloud = new CloudWithCamera(directory);
        cloud.startCamera();
        Set<String> before = cloud.cameraItems();
        UUID first = cloud.startSharing(CloudWithCamera.configuration());
        cloud.worker("worker-1").build().runOnce();
        Set<String> afterFirst = cloud.cameraItems();
        UUID second = cloud.startSharing(CloudWithCamera.configuration());
        cloud.worker("worker-1").build().runOnce();
        assertThat(cloud.operation(second).state()).isEqualTo(SharingOperationState.COMPLETED);

        assertThat(cloud.database.sharingOperations().unshare(first, cloud.clock.instant()).isAccepted()).isTrue();
        cloud.worker("worker-1").build().runOnce();

        assertThat(cloud.operation(first).state()).isEqualTo(SharingOperationState.UNSHARED);
        assertThat(cloud.operation(first).failureReason()).isEmpty();
        Set<String> ocsCa = new HashSet<>(afterFirst);
        ocsCa.removeAll(before);
        ocsCa.removeIf(item -> !item.startsWith("certificate "));
        assertThat(ocsCa).hasSize(1);
        assertThat(cloud.cameraItems()).containsAll(ocsCa).contains("uplink " + OCS_UPLINK);
        assertThat(cloud.camera().state().authorizationServers()).hasSize(1);

        assertThat(cloud.database.sharingOperations().unshare(second, cloud.clock.instant()).isAccepted()).isTrue();
        cloud.worker("worker-1").build().runOnce();

        assertThat(cloud.operation(second).state()).isEqualTo(SharingOperationState.UNSHARED);
        assertThat(cloud.cameraItems()).isEqualTo(before);
    }

    /**
     * The camera holds, beside what it held before: the OCS's CA (with its public key), two policies, one key
     * pair, one authorization server configuration and one uplink, wired together; the MCS's CA it held already
     * is reused. One notification carries a CSR of the key pair.
     */
    private void assertConfiguredOnce(Set<String> before, UUID operationId) throws Exception {
        DeviceState state = cloud.camera().state();
        Set<String> added = new HashSet<>(cloud.cameraItems());
        added.removeAll(before);
        assertThat(added).filteredOn(item -> item.startsWith("certificate ")).hasSize(1);
        assertThat(added).filteredOn(item -> item.startsWith("key ")).hasSize(2);
        assertThat(added).filteredOn(item -> item.startsWith("policy ")).hasSize(2);
        assertThat(added).filteredOn(item -> item.startsWith("authorization-server ")).hasSize(1);
        assertThat(added).filteredOn(item -> item.startsWith("uplink ")).hasSize(1);
        assertThat(before).containsAll(cloud.cameraItems().stream().filter(item -> !added.contains(item)).toList());

        Map.Entry<ReferenceToken, AuthorizationServerConfigurationData> server =
                state.authorizationServers().entrySet().iterator().next();
        AuthorizationServerConfigurationData data = server.getValue();
        assertThat(data.serverUri()).isEqualTo(OCS_AUTHORIZATION_SERVER);
        assertThat(data.clientID()).contains(CLIENT_ID);
        assertThat(data.clientAuth()).contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        assertThat(data.scope()).contains("onvif-uplink");
        KeyID key = data.keyID().orElseThrow();
        StoredKey keyPair = state.key(key).orElseThrow();
        CertPathValidationPolicy serverPolicy =
                state.certPathValidationPolicy(data.certPathValidationPolicyID().orElseThrow()).orElseThrow();
        assertThat(serverPolicy.trustAnchors()).hasSize(1);
        StoredCertificate ocsCa = state.certificate(serverPolicy.trustAnchors().get(0).certificateID()).orElseThrow();
        assertThat(ocsCa.certificate()).isEqualTo(CloudWithCamera.OCS_PKI.localCaCertificate());

        UplinkConfiguration uplink = state.uplinks().get(OCS_UPLINK);
        assertThat(uplink).isNotNull();
        assertThat(uplink.authorizationServer()).contains(server.getKey());
        assertThat(uplink.userLevel()).containsExactly("Administrator");
        CertPathValidationPolicy uplinkPolicy = state.certPathValidationPolicy(
                new dev.onvifcloud.soap.security.CertPathValidationPolicyID(
                        uplink.certPathValidationPolicyID().orElseThrow())).orElseThrow();
        assertThat(uplinkPolicy.trustAnchors()).extracting(TrustAnchor::certificateID)
                .containsExactly(ocsCa.id(), mcsTrustAnchor(state));

        Notification notification = cloud.database.notifications().findByOperation(operationId).orElseThrow();
        assertThat(notification.endpoints()).containsExactly(OCS_NOTIFICATION_ENDPOINT);
        DeviceSharingCompleted completed = cloud.json.read(
                notification.payload().getBytes(StandardCharsets.UTF_8), DeviceSharingCompleted.class);
        assertThat(completed.shareToken()).isEqualTo(CloudWithCamera.SHARE_TOKEN);
        CertificationRequest csr = CertificationRequest.parse(completed.devicePublicKey().der());
        assertThat(csr.publicKey()).isEqualTo(keyPair.publicKey().orElseThrow());
        assertThat(keyPair.privateKey()).isPresent();
    }

    /** The MCS's CA as the camera held it from the factory. */
    private static dev.onvifcloud.soap.security.CertificateID mcsTrustAnchor(DeviceState state) {
        return state.certificates().values().stream()
                .filter(c -> c.certificate().equals(PKI.localCaCertificate()))
                .map(StoredCertificate::id).findFirst().orElseThrow();
    }
}
