package dev.onvifcloud.cloud.operational;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.token.ShareToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code startDeviceSharing} to stand-in PCSs over HTTPS: the body, batching, refusals, retries, restarts. */
class SharingRequesterTest {

    private static final Json JSON = new Json(JsonLimits.defaults());
    private static OpenApiInteractionValidator onvif;

    @TempDir
    Path directory;

    private OcsWorld world;

    @BeforeAll
    static void loadOnvifsFile() {
        Path file = Path.of(System.getProperty("onvif.spec.dir")).resolve("cloudintegration.yaml");
        onvif = OpenApiInteractionValidator.createForSpecificationUrl(file.toUri().toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    private OcsWorld world(UnaryOperator<OperationalSettings.Builder> customize) {
        world = new OcsWorld(directory, customize);
        return world;
    }

    @AfterEach
    void close() {
        if (world != null) {
            world.close();
        }
    }

    private static StartDeviceSharing read(String body) throws Exception {
        return JSON.read(body.getBytes(StandardCharsets.UTF_8), StartDeviceSharing.class);
    }

    /**
     * The validator's errors, less ONVIF's own conflict: {@code deviceConfiguration.shareToken} is declared
     * {@code format: byte} while a share token is a JWT (see the protocol module's OnvifConformanceTest).
     */
    private static List<String> onvifErrors(String body) {
        return onvif.validateRequest(SimpleRequest.Builder.post("/startDeviceSharing")
                        .withContentType("application/json").withBody(body).build())
                .getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !m.getKey().equals("validation.request.body.schema.format.byte")
                        || !m.getMessage().contains("shareToken"))
                .map(ValidationReport.Message::getMessage)
                .toList();
    }

    @Test
    void sends_each_camera_its_device_configuration_valid_against_onvifs_file() throws Exception {
        world(b -> b);
        ShareToken token = world.token("SN-1");
        OcsCamera camera = world.add(token).get(0);

        world.requester.requestDue();

        assertThat(world.pcs.received).hasSize(1);
        String body = world.pcs.received.get(0);
        assertThat(onvifErrors(body)).isEmpty();
        DeviceConfiguration configuration = read(body).deviceConfigurations().get(0);
        assertThat(configuration.shareToken()).isEqualTo(token.serialized());
        assertThat(configuration.endpointReferences())
                .containsExactly(URI.create("https://ocs.test:7443/deviceSharingCompleted"));
        assertThat(configuration.uplinkConfigurations()).singleElement().satisfies(uplink -> {
            assertThat(uplink.remoteAddress()).isEqualTo(URI.create("wss://ocs.test:7443/uplink"));
            assertThat(uplink.userLevel()).isEqualTo(UserLevel.Administrator);
            assertThat(uplink.certPathValidationPolicyAlias()).isEqualTo("onvif-cloud");
        });
        assertThat(configuration.authorizationServerConfigurations()).singleElement().satisfies(server -> {
            assertThat(server.serverUri()).isEqualTo(URI.create("https://ocs.test:7443"));
            assertThat(server.clientId()).isEqualTo(camera.clientId());
            assertThat(server.scope()).contains("onvif-uplink");
            assertThat(server.certPathValidationPolicyAlias()).isEqualTo("onvif-cloud");
        });
        assertThat(configuration.certPathValidationPolicies()).singleElement().satisfies(policy -> {
            assertThat(policy.alias()).isEqualTo("onvif-cloud");
            assertThat(policy.trustAnchors()).containsExactly(Base64Der.of(OcsWorld.PKI.localCaCertificate().getEncoded()));
        });
        OcsCamera requested = world.camera(camera.id());
        assertThat(requested.state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
        assertThat(requested.shareToken()).isEmpty();
        assertThat(requested.sharingRequested()).contains(world.clock.instant());
        assertThat(world.auditActions(camera.id().toString())).contains(SharingRequester.AUDIT_REQUESTED);
    }

    @Test
    void batches_the_cameras_of_each_pcs_up_to_the_batch_size() throws Exception {
        world(b -> b.batchSize(3));
        IntStream.range(0, 3).forEach(i -> world.add(world.token("SN-A" + i)));
        IntStream.range(0, 2).forEach(i -> world.add(world.token2("SN-B" + i)));

        int first = world.requester.requestDue();
        int second = world.requester.requestDue();

        assertThat(first + second).isEqualTo(5);
        List<Integer> sizesAtPcs = world.pcs.received.stream().map(SharingRequesterTest::uncheckedSize).toList();
        List<Integer> sizesAtPcs2 = world.pcs2.received.stream().map(SharingRequesterTest::uncheckedSize).toList();
        assertThat(sizesAtPcs.stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(sizesAtPcs2.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        assertThat(sizesAtPcs).allMatch(size -> size <= 3);
        for (String body : world.pcs2.received) {
            for (DeviceConfiguration configuration : read(body).deviceConfigurations()) {
                assertThat(ShareToken.decodeUntrusted(configuration.shareToken()).claims().serialNumber())
                        .startsWith("SN-B");
            }
        }
        assertThat(world.service.cameras(world.owner.id())).extracting(OcsCamera::state)
                .containsOnly(OcsCameraState.SHARING_REQUESTED);
    }

    @Test
    void sends_all_cameras_of_one_pcs_in_one_request_by_default() {
        world(b -> b);
        IntStream.range(0, 5).forEach(i -> world.add(world.token("SN-" + i)));

        world.requester.requestDue();

        assertThat(world.pcs.received).hasSize(1);
        assertThat(uncheckedSize(world.pcs.received.get(0))).isEqualTo(5);
    }

    @Test
    void marks_a_camera_the_pcs_refuses_failed_with_its_error() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.pcs.answers.add(400);

        world.requester.requestDue();

        OcsCamera failed = world.camera(camera.id());
        assertThat(failed.state()).isEqualTo(OcsCameraState.FAILED);
        assertThat(failed.reason()).contains("Invalid JWT");
        assertThat(failed.shareToken()).isEmpty();
        assertThat(world.auditActions(camera.id().toString())).contains(SharingRequester.AUDIT_FAILED);
    }

    @Test
    void sends_a_refused_batch_again_one_camera_at_a_time_so_only_the_refused_one_fails() throws Exception {
        world(b -> b);
        List<OcsCamera> cameras = world.add(world.token("SN-1"), world.token("SN-2"), world.token("SN-3"));
        world.pcs.answers.addAll(List.of(400, 200, 400, 200));

        world.requester.requestDue();

        assertThat(world.pcs.received).extracting(SharingRequesterTest::uncheckedSize).containsExactly(3, 1, 1, 1);
        String refusedAlone = read(world.pcs.received.get(2)).deviceConfigurations().get(0).shareToken();
        for (OcsCamera camera : cameras) {
            boolean refused = camera.shareToken().orElseThrow().equals(refusedAlone);
            assertThat(world.camera(camera.id()).state()).isEqualTo(
                    refused ? OcsCameraState.FAILED : OcsCameraState.SHARING_REQUESTED);
        }
    }

    @Test
    void retries_after_a_server_error_with_backoff_then_succeeds() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.pcs.answers.add(500);

        world.requester.requestDue();

        OcsCamera waiting = world.camera(camera.id());
        assertThat(waiting.state()).isEqualTo(OcsCameraState.PENDING);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.nextAttemptAt()).isEqualTo(world.clock.instant().plus(Duration.ofSeconds(10)));
        assertThat(waiting.lastError()).contains("HTTP 500");
        assertThat(world.requester.requestDue()).isZero();

        world.clock.advance(Duration.ofSeconds(10));
        world.requester.requestDue();

        assertThat(world.pcs.received).hasSize(2);
        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
        assertThat(world.camera(camera.id()).attempts()).isEqualTo(2);
    }

    @Test
    void retries_when_the_pcs_cannot_be_reached() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.pcs.close();

        world.requester.requestDue();

        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.PENDING);
        assertThat(world.camera(camera.id()).lastError()).hasValueSatisfying(e -> assertThat(e).contains("connection"));
    }

    @Test
    void gives_up_once_the_retry_period_is_over() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        for (int i = 0; i < 10 && world.camera(camera.id()).state() == OcsCameraState.PENDING; i++) {
            world.pcs.answers.add(503);
            world.requester.requestDue();
            world.clock.advance(Duration.ofSeconds(40));
        }

        OcsCamera failed = world.camera(camera.id());
        assertThat(failed.state()).isEqualTo(OcsCameraState.FAILED);
        assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r).contains("HTTP 503"));
    }

    @Test
    void sends_again_after_a_restart_what_the_pcs_did_not_acknowledge() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.pcs.answers.add(500);
        world.requester.requestDue();

        world.restart();
        world.clock.advance(Duration.ofSeconds(10));
        world.requester.requestDue();

        assertThat(world.pcs.received).hasSize(2);
        assertThat(world.pcs.received.get(1)).isEqualTo(world.pcs.received.get(0));
        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
    }

    @Test
    void sends_after_a_restart_a_camera_whose_lease_was_held_by_the_process_that_stopped() {
        world(b -> b.leaseDuration(Duration.ofMinutes(1)));
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.database.ocsCameras().claimDue(world.clock.instant(), "stopped-node", Duration.ofMinutes(1), 10);

        world.restart();
        assertThat(world.requester.requestDue()).isZero();
        world.clock.advance(Duration.ofMinutes(1));
        world.requester.requestDue();

        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
    }

    @Test
    void fails_a_camera_whose_xaddr_the_policy_refuses_at_send_time_only_after_retrying() {
        world(b -> b);
        OcsCamera camera = world.add(world.token("SN-1")).get(0);
        world.close();
        world = new OcsWorld(directory, b -> b.addressPolicy(OcsWorld.strict()));

        world.requester.requestDue();

        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.PENDING);
        assertThat(world.camera(camera.id()).lastError()).hasValueSatisfying(e -> assertThat(e).contains("LOOPBACK"));
        assertThat(world.pcs.received).isEmpty();
    }

    private static int uncheckedSize(String body) {
        try {
            return read(body).deviceConfigurations().size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
