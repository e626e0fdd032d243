package dev.onvifcloud.cloud.provisioning.worker;

import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_AUTHORIZATION_SERVER;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_PKI;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.OCS_UPLINK;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.PATIENCE;
import static dev.onvifcloud.cloud.provisioning.worker.CloudWithCamera.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.cloud.notification.DeviceSharingCompletedNotifier;
import dev.onvifcloud.cloud.notification.NotifierSettings;
import dev.onvifcloud.cloud.notification.StandInOcsReceiver;
import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.storage.PostgresqlServer;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import dev.onvifcloud.device.DeviceLimits;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Provisioning Cloud Service end to end: the reference camera on its real factory uplink, the sharing worker
 * and the deviceSharingCompleted notifier running on their own threads, the stand-in OCS receiving over HTTPS.
 * The restart tests run on H2 and on PostgreSQL.
 */
class SharingEndToEndTest {

    /** Long enough that only a wake-up, never the poll, gets a round going within the test's patience. */
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path directory;

    private final IssuedCredential ocsCredential =
            OCS_PKI.issueServerCertificate("ocs.test", List.of("ocs.test"), List.of("127.0.0.1"));
    private CloudWithCamera cloud;
    private StandInOcsReceiver receiver;
    private SharingWorker worker;
    private DeviceSharingCompletedNotifier notifier;

    enum Backend {
        H2(directory -> DatabaseSettings.h2(directory.resolve("db"))),
        POSTGRESQL(directory -> PostgresqlServer.freshDatabase());

        final Function<Path, DatabaseSettings> settings;

        Backend(Function<Path, DatabaseSettings> settings) {
            this.settings = settings;
        }
    }

    @AfterEach
    void close() {
        stopService();
        if (receiver != null) {
            receiver.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private void open(Backend backend) throws Exception {
        cloud = new CloudWithCamera(directory, DeviceLimits.defaults(), backend.settings.apply(directory));
        receiver = new StandInOcsReceiver(ocsCredential, 0);
        cloud.startCamera();
    }

    /** The worker and the notifier, running; a delivery wakes the worker. */
    private void startService(Duration pollInterval) {
        worker = cloud.worker("worker-" + UUID.randomUUID()).pollInterval(pollInterval).retryDelay(NEVER).build();
        worker.start();
        startNotifier();
    }

    private void startNotifier() {
        notifier = DeviceSharingCompletedNotifier.builder()
                .storage(cloud.database)
                .clock(cloud.clock)
                .addressPolicy(OutboundAddressPolicy.builder().allow("127.0.0.1/32")
                        .resolver(SharingEndToEndTest::resolve).build())
                .trustAnchors(List.of(OCS_PKI.localCaCertificate()))
                .settings(NotifierSettings.defaults().withPollInterval(Duration.ofMillis(50))
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .deliveryListener(delivered -> {
                    if (worker != null) {
                        worker.wakeUp();
                    }
                })
                .build();
        notifier.start();
    }

    private void stopService() {
        if (notifier != null) {
            notifier.close();
            notifier = null;
        }
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("ocs.test")) {
            return List.of(InetAddress.getByAddress("ocs.test", new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException("unknown in tests");
    }

    @Test
    void a_share_configures_the_camera_and_the_ocs_receives_a_csr_of_the_camera_key() throws Exception {
        open(Backend.H2);
        Set<String> before = cloud.cameraItems();
        startService(Duration.ofMillis(100));

        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(receiver.endpoint()));

        await().atMost(PATIENCE).until(() -> receiver.received.size() == 1);
        await().atMost(PATIENCE).until(() -> delivered(operationId));
        assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
        assertThat(receiver.received.get(0).contentType()).startsWith("application/json");
        DeviceSharingCompleted completed = cloud.json.read(
                receiver.received.get(0).body().getBytes(StandardCharsets.UTF_8), DeviceSharingCompleted.class);
        CertificationRequest csr = CertificationRequest.parse(completed.devicePublicKey().der()); // signature checked
        AuthorizationServerConfigurationData server = onlyOcsServer();
        assertThat(csr.publicKey()).isEqualTo(
                cloud.camera().state().key(server.keyID().orElseThrow()).orElseThrow().publicKey().orElseThrow());
        assertThat(cloud.camera().state().uplinks()).containsKeys(OCS_UPLINK, cloud.mcsUplink());
        assertThat(added(before)).hasSize(7); // CA + its key, 2 policies, key pair, AS configuration, uplink
        assertThat(cloud.database.devices().findBySerialNumber(SERIAL).orElseThrow().state())
                .isEqualTo(DeviceState.CLAIMED);
        assertThat(cloud.registry.isOnline(SERIAL)).isTrue();
    }

    @Test
    void a_confirmed_transfer_removes_our_uplink_and_the_camera_leaves_us() throws Exception {
        open(Backend.H2);
        startService(Duration.ofMillis(100));

        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(receiver.endpoint()),
                SharingMode.TRANSFER);

        await().atMost(PATIENCE).until(() -> cloud.operation(operationId).state() == SharingOperationState.TRANSFERRED);
        assertThat(receiver.received).hasSize(1);
        assertThat(cloud.database.devices().findBySerialNumber(SERIAL).orElseThrow().state())
                .isEqualTo(DeviceState.TRANSFERRED);
        assertThat(cloud.operation(operationId).failureReason()).isEmpty();
        assertThat(cloud.camera().state().uplinks()).containsOnlyKeys(OCS_UPLINK);
        assertThat(onlyOcsServer().serverUri()).isEqualTo(OCS_AUTHORIZATION_SERVER);
        await().atMost(PATIENCE).until(() -> !cloud.registry.isOnline(SERIAL));
    }

    @Test
    void an_unshare_removes_what_the_share_created_from_the_camera() throws Exception {
        open(Backend.H2);
        Set<String> before = cloud.cameraItems();
        startService(Duration.ofMillis(100));
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(receiver.endpoint()));
        await().atMost(PATIENCE).until(() -> delivered(operationId));

        assertThat(cloud.database.sharingOperations().unshare(operationId, cloud.clock.instant()).isAccepted())
                .isTrue();

        await().atMost(PATIENCE).until(() -> cloud.operation(operationId).state() == SharingOperationState.UNSHARED);
        assertThat(cloud.cameraItems()).isEqualTo(before);
        assertThat(cloud.operation(operationId).failureReason()).isEmpty();
        assertThat(cloud.registry.isOnline(SERIAL)).isTrue();
    }

    @Test
    void a_camera_offline_at_request_time_is_configured_as_soon_as_it_comes_online() throws Exception {
        open(Backend.H2);
        Set<String> before = cloud.cameraItems();
        cloud.stopCamera();
        startService(NEVER);
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(receiver.endpoint()));
        worker.wakeUp();
        await().atMost(PATIENCE).until(() -> cloud.operation(operationId).failureReason().isPresent());
        assertThat(cloud.operation(operationId).failureReason().get()).startsWith(RetryReason.CAMERA_OFFLINE.name());

        cloud.startCamera(); // the registry's online listener wakes the worker: no poll, no retry delay

        await().atMost(PATIENCE).until(() -> delivered(operationId));
        assertThat(added(before)).hasSize(7);
    }

    static List<Arguments> restartPoints() {
        List<Arguments> points = new java.util.ArrayList<>();
        for (Backend backend : Backend.values()) {
            for (String point : List.of("CreateECCKeyPair", "SetUplink:0", "completed", "delivered",
                    "Transfer:plan", "Transfer:DeleteUplink:0")) {
                points.add(Arguments.of(backend, point));
            }
        }
        return points;
    }

    /**
     * A transfer driven step by step up to a point where the service stops (a worker dies after the camera
     * answered, or between two stages); the whole service is closed and reopened on the same database; running for
     * real, it completes, with everything on the camera exactly once and the OCS notified exactly once.
     */
    @ParameterizedTest(name = "{0}, restarted at {1}")
    @MethodSource("restartPoints")
    void a_transfer_with_the_service_restarted_between_two_steps_completes_exactly_once(Backend backend,
            String point) throws Exception {
        open(backend);
        Set<String> before = cloud.cameraItems();
        UUID operationId = cloud.startSharing(CloudWithCamera.configuration(receiver.endpoint()),
                SharingMode.TRANSFER);
        Checkpoint crash = new Checkpoint() {
            @Override
            public void cameraAnswered(UUID operation, String stepName) {
                if (stepName.equals(point)) {
                    throw new IllegalStateException("simulated crash after the camera answered " + stepName);
                }
            }
        };
        cloud.worker("worker-before").checkpoint(crash).build().runOnce();
        if (!point.startsWith("Transfer:") && !point.equals("completed") && !point.equals("delivered")) {
            assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.IN_PROGRESS);
        } else {
            assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.COMPLETED);
            if (!point.equals("completed")) {
                startNotifier(); // delivery only
                await().atMost(PATIENCE).until(() -> delivered(operationId));
                stopService();
                assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.TRANSFERRING);
            }
            if (point.startsWith("Transfer:")) {
                cloud.worker("worker-before").checkpoint(crash).build().runOnce();
                assertThat(cloud.operation(operationId).state()).isEqualTo(SharingOperationState.TRANSFERRING);
            }
        }

        cloud.restart();
        cloud.clock.advance(Duration.ofMinutes(6)); // the dead worker's lease is over
        startService(Duration.ofMillis(100));

        await().atMost(PATIENCE).until(() -> cloud.operation(operationId).state() == SharingOperationState.TRANSFERRED);
        assertThat(receiver.received).hasSize(1);
        assertThat(cloud.database.devices().findBySerialNumber(SERIAL).orElseThrow().state())
                .isEqualTo(DeviceState.TRANSFERRED);
        Set<String> added = added(before);
        assertThat(added).filteredOn(item -> item.startsWith("key ")).hasSize(2);
        assertThat(added).filteredOn(item -> item.startsWith("certificate ")).hasSize(1);
        assertThat(added).filteredOn(item -> item.startsWith("policy ")).hasSize(2);
        assertThat(added).filteredOn(item -> item.startsWith("authorization-server ")).hasSize(1);
        assertThat(cloud.camera().state().uplinks()).containsOnlyKeys(OCS_UPLINK);
        await().atMost(PATIENCE).until(() -> !cloud.registry.isOnline(SERIAL));
    }

    private boolean delivered(UUID operationId) {
        return cloud.database.notifications().findByOperation(operationId)
                .filter(notification -> notification.state() == NotificationState.DELIVERED).isPresent();
    }

    private AuthorizationServerConfigurationData onlyOcsServer() {
        assertThat(cloud.camera().state().authorizationServers()).hasSize(1);
        return cloud.camera().state().authorizationServers().values().iterator().next();
    }

    private Set<String> added(Set<String> before) {
        Set<String> added = new HashSet<>(cloud.cameraItems());
        added.removeAll(before);
        return added;
    }
}
