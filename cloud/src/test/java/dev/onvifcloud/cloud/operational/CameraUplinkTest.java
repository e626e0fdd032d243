package dev.onvifcloud.cloud.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real reference camera on the OCS's uplink acceptor: the identity check on connect, and the camera API with its
 * SOAP pass-through. The acceptor's authenticator stands in for the authorization server's access tokens: it names
 * the camera by the client id registered for its birth certificate's serial number.
 */
class CameraUplinkTest {

    private static final String SERIAL = "SN-CAM-1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ReconnectSchedule SLOW = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(5), 0.1);

    @TempDir
    Path directory;

    private OcsWorld world;
    private final Map<String, String> clientIdBySerial = new ConcurrentHashMap<>();
    private final UplinkTransport transport = UplinkTransport.create(2);
    private UplinkAcceptor acceptor;
    private Camera camera;
    private HttpClient http;

    @BeforeEach
    void start() {
        world = new OcsWorld(directory);
        acceptor = UplinkAcceptor.builder().transport(transport)
                .serverCredential(credential(OcsWorld.PKI.issueServerCertificate("localhost")))
                .clientTrustAnchors(List.of(OcsWorld.PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(certificate -> BirthCertificate
                        .serialNumber(certificate).map(clientIdBySerial::get).map(CameraIdentity::new)))
                .sessionListener(world.cameras)
                .requestTimeout(Duration.ofSeconds(30)).build().start();
        http = TlsClients.httpClient(OcsWorld.PKI.localCaCertificate(), HttpClient.Version.HTTP_1_1);
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
        acceptor.close();
        transport.close();
        world.close();
    }

    /** A camera added with a token claiming {@code claimedSerial}, sharing requested and its key registered. */
    private OcsCamera registered(String claimedSerial) {
        ShareToken token = world.token(claimedSerial);
        OcsCamera added = world.add(token).get(0);
        world.requester.requestDue();
        String body = "{\"shareToken\":\"" + token.serialized() + "\",\"devicePublicKey\":\"" + Base64.getEncoder()
                .encodeToString(CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=x").der()) + "\"}";
        assertThat(world.service.deviceSharingCompleted(body.getBytes(StandardCharsets.UTF_8), "test").isAccepted())
                .isTrue();
        clientIdBySerial.put(SERIAL, added.clientId());
        return added;
    }

    private void startCamera() {
        URI uplink = URI.create("https://localhost:" + acceptor.localAddress().getPort() + "/uplink");
        camera = Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory.resolve("camera")).transport(transport).reconnectSchedule(SLOW)
                .factoryDefaults(new FactoryDefaults(credential(OcsWorld.PKI.issueBirthCertificate("Acme",
                        "CloudCam 1", SERIAL)), Optional.of(uplink), List.of(OcsWorld.PKI.localCaCertificate())))
                .build().start();
    }

    private OcsCamera connected() {
        OcsCamera added = registered(SERIAL);
        startCamera();
        await().atMost(PATIENCE).until(() -> world.cameras.isConnected(added.clientId()));
        return world.camera(added.id());
    }

    private HttpResponse<String> as(IssuedApiKey key, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.api(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key.key());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    private static String getDeviceInformation() {
        return new String(SoapCodec.standard().writeRequest(DeviceOperations.GET_DEVICE_INFORMATION,
                new GetDeviceInformation()), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------- identity check

    @Test
    void verifies_a_camera_whose_device_information_matches_its_share_token() {
        OcsCamera verified = connected();

        assertThat(verified.state()).isEqualTo(OcsCameraState.VERIFIED);
        assertThat(verified.verified()).contains(world.clock.instant());
        assertThat(world.auditActions(verified.id().toString())).contains(ConnectedCameras.AUDIT_CONNECTED);
    }

    @Test
    void records_last_seen_when_the_session_goes_down_and_stays_verified() {
        OcsCamera verified = connected();
        world.clock.advance(Duration.ofMinutes(5));

        camera.close();
        camera = null;

        await().atMost(PATIENCE).until(() -> world.camera(verified.id()).lastSeen()
                .filter(world.clock.instant()::equals).isPresent());
        assertThat(world.cameras.isConnected(verified.clientId())).isFalse();
        assertThat(world.camera(verified.id()).state()).isEqualTo(OcsCameraState.VERIFIED);
    }

    @Test
    void disconnects_and_revokes_a_camera_reporting_another_serial_number() {
        OcsCamera impostor = registered("SN-CLAIMED-BY-TOKEN");
        startCamera();

        await().atMost(PATIENCE).until(() -> world.camera(impostor.id()).state() == OcsCameraState.IDENTITY_MISMATCH);
        assertThat(world.camera(impostor.id()).reason()).hasValueSatisfying(r -> assertThat(r).contains(SERIAL));
        assertThat(world.database.clients().find(impostor.clientId()).orElseThrow().state())
                .isEqualTo(OAuthClientState.REVOKED);
        assertThat(world.cameras.isConnected(impostor.clientId())).isFalse();
        // It reconnects (the stand-in authenticator still names it): refused and closed again.
        await().atMost(PATIENCE).until(() -> world.auditActions(impostor.id().toString())
                .contains(ConnectedCameras.AUDIT_SESSION_REFUSED));
        assertThat(world.auditActions(impostor.id().toString())).contains(ConnectedCameras.AUDIT_IDENTITY_MISMATCH);
    }

    @Test
    void disconnects_a_camera_whose_client_is_not_one_of_ours() {
        clientIdBySerial.put(SERIAL, "ocs-unknown-client");
        startCamera();

        await().atMost(PATIENCE).until(() -> !world.auditActions("client:ocs-unknown-client").isEmpty());
        assertThat(world.cameras.isConnected("ocs-unknown-client")).isFalse();
    }

    // ------------------------------------------------------------------------------------------------ camera API

    @Test
    void requires_an_api_key() throws Exception {
        assertThat(as(null, "GET", "/api/v1/cameras", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void adds_cameras_by_share_token_with_a_result_per_token() throws Exception {
        String body = "{\"shareTokens\":[\"" + world.token("SN-9").serialized() + "\",\"garbage\"]}";

        HttpResponse<String> response = as(world.ownerKey, "POST", "/api/v1/cameras", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = json(response).path("results");
        assertThat(results.get(0).path("camera").path("state").asText()).isEqualTo("pending");
        assertThat(results.get(0).path("camera").path("serialNumber").asText()).isEqualTo("SN-9");
        assertThat(results.get(1).path("refused").asText()).isEqualTo("MALFORMED_TOKEN");
    }

    @Test
    void refuses_more_share_tokens_than_allowed_in_one_request() throws Exception {
        String tokens = String.join(",", java.util.Collections.nCopies(1001, "\"x\""));

        HttpResponse<String> response = as(world.ownerKey, "POST", "/api/v1/cameras", "application/json",
                "{\"shareTokens\":[" + tokens + "]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("field").asText()).isEqualTo("/shareTokens");
    }

    @Test
    void lists_and_shows_an_accounts_own_cameras_only() throws Exception {
        OcsCamera verified = connected();
        world.clock.advance(Duration.ofSeconds(1));
        world.add(world.token("SN-2"));

        JsonNode list = json(as(world.ownerKey, "GET", "/api/v1/cameras", null, null)).path("cameras");
        JsonNode detail = json(as(world.ownerKey, "GET", "/api/v1/cameras/" + verified.id(), null, null));

        assertThat(list).extracting(node -> node.path("state").asText()).containsExactly("connected", "pending");
        assertThat(detail.path("serialNumber").asText()).isEqualTo(SERIAL);
        assertThat(detail.path("connected").asBoolean()).isTrue();
        assertThat(detail.has("verifiedAt")).isTrue();
        assertThat(json(as(world.otherKey, "GET", "/api/v1/cameras", null, null)).path("cameras")).isEmpty();
        assertThat(as(world.otherKey, "GET", "/api/v1/cameras/" + verified.id(), null, null).statusCode())
                .isEqualTo(404);
        assertThat(as(world.ownerKey, "GET", "/api/v1/cameras/not-a-uuid", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void passes_a_soap_call_through_to_the_connected_camera() throws Exception {
        OcsCamera verified = connected();

        HttpResponse<String> response = as(world.ownerKey, "POST", "/api/v1/cameras/" + verified.id()
                + "/onvif/device", "application/soap+xml; charset=utf-8", getDeviceInformation());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/soap+xml"));
        Reply<GetDeviceInformationResponse> reply = SoapCodec.standard().readResponse(
                DeviceOperations.GET_DEVICE_INFORMATION, response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(((Reply.Success<GetDeviceInformationResponse>) reply).response().serialNumber()).isEqualTo(SERIAL);
        assertThat(world.auditActions(verified.id().toString())).contains("ocs-camera.onvif");
    }

    @Test
    void refuses_a_pass_through_that_is_not_soap_or_for_another_account_or_an_unknown_service() throws Exception {
        OcsCamera verified = connected();
        String path = "/api/v1/cameras/" + verified.id() + "/onvif/";

        assertThat(as(world.ownerKey, "POST", path + "device", "application/json", "{}").statusCode()).isEqualTo(415);
        assertThat(as(world.ownerKey, "POST", path + "media", "application/soap+xml", getDeviceInformation())
                .statusCode()).isEqualTo(404);
        assertThat(as(world.otherKey, "POST", path + "device", "application/soap+xml", getDeviceInformation())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void answers_409_for_a_pass_through_to_a_camera_that_is_not_connected() throws Exception {
        OcsCamera pending = world.add(world.token("SN-2")).get(0);

        HttpResponse<String> response = as(world.ownerKey, "POST", "/api/v1/cameras/" + pending.id()
                + "/onvif/device", "application/soap+xml", getDeviceInformation());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("error").asText()).isNotBlank();
    }

    @Test
    void removes_a_camera_revoking_its_client_and_dropping_its_uplink() throws Exception {
        OcsCamera verified = connected();

        assertThat(as(world.otherKey, "DELETE", "/api/v1/cameras/" + verified.id(), null, null).statusCode())
                .isEqualTo(404);
        HttpResponse<String> response = as(world.ownerKey, "DELETE", "/api/v1/cameras/" + verified.id(), null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("state").asText()).isEqualTo("removed");
        assertThat(world.camera(verified.id()).state()).isEqualTo(OcsCameraState.REMOVED);
        assertThat(world.database.clients().find(verified.clientId()).orElseThrow().state())
                .isEqualTo(OAuthClientState.REVOKED);
        assertThat(world.cameras.isConnected(verified.clientId())).isFalse();
        // The camera reconnects (the stand-in authenticator still names it): the session is refused and closed.
        await().atMost(PATIENCE).until(() -> world.auditActions(verified.id().toString())
                .contains(ConnectedCameras.AUDIT_SESSION_REFUSED));
        assertThat(world.cameras.isConnected(verified.clientId())).isFalse();
        assertThat(as(world.ownerKey, "POST", "/api/v1/cameras/" + verified.id() + "/onvif/device",
                "application/soap+xml", getDeviceInformation()).statusCode()).isEqualTo(409);
        assertThat(world.auditActions(verified.id().toString())).contains(OperationalService.AUDIT_REMOVED);
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }
}
