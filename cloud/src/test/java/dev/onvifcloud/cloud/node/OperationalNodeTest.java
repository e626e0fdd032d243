package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.cloud.operational.CompletionRefusal;
import dev.onvifcloud.cloud.operational.ConnectedCameras;
import dev.onvifcloud.cloud.operational.OperationalService;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.UplinkCredentials;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import dev.onvifcloud.uplink.device.UplinkConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over loopback TLS, every party real: an MCS node, an OCS node that is also a PCS (both roles on one node,
 * one uplink acceptor), one development PKI, and reference cameras on their factory uplinks to the MCS. The owner
 * claims the cameras and issues share tokens over the MCS's HTTPS management API, then adds them to the OCS in one
 * batch over the OCS's camera API; the MCS configures each camera, notifies the OCS, and each camera gets an access
 * token from the OCS's authorization server and opens its own uplink to the OCS, where its identity is checked.
 * Each test below uses its own camera.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationalNodeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(300), Duration.ofSeconds(2), 0.1);
    private static final String SHARED_1 = "SN-E2E-1";
    private static final String SHARED_2 = "SN-E2E-2";
    private static final String REMOVED = "SN-E2E-REMOVED";
    private static final String CLONED = "SN-E2E-CLONED";
    private static final List<String> SERIALS = List.of(SHARED_1, SHARED_2, REMOVED, CLONED);

    @TempDir
    static Path directory;

    private DevelopmentPki pki;
    private FactoryClaimCodes claimCodes;
    private CloudNode mcs;
    private CloudNode ocs;
    private HttpClient http;
    private String mcsKey;
    private String ocsKey;
    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    /** The OCS's camera id of each serial number. */
    private final Map<String, String> cameraIds = new LinkedHashMap<>();
    private final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeAll
    void every_camera_is_claimed_shared_and_added_to_the_ocs() throws Exception {
        Path pkiDirectory = directory.resolve("pki");
        pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
        http = HttpClient.newBuilder().sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate()))).build();
        mcs = CloudNode.builder().dataDirectory(directory.resolve("mcs")).pki(pki)
                .settings(NodeSettings.loopback("mcs-e2e").forLocalDevelopment())
                .role(ProvisioningRole.factory(Optional.of(claimCodes))).build().start();
        ocs = CloudNode.builder().dataDirectory(directory.resolve("ocs")).pki(pki)
                .settings(NodeSettings.loopback("ocs-e2e").forLocalDevelopment())
                .role(ProvisioningRole.factory(Optional.empty()))
                .role(OperationalRole.factory()).build().start();
        mcsKey = mcs.bootstrapOwner("alice").apiKey();
        ocsKey = ocs.bootstrapOwner("olivia").apiKey();
        for (String serial : SERIALS) {
            cameras.put(serial, camera(serial, serial, directory.resolve("camera-" + serial)));
        }

        ProvisioningRole provisioning = mcs.role(ProvisioningRole.class).orElseThrow();
        List<String> tokens = new ArrayList<>();
        for (String serial : SERIALS) {
            await().atMost(PATIENCE).until(() -> provisioning.registry().isOnline(serial));
            await().atMost(PATIENCE).until(() -> post(mcs, "/api/v1/devices/" + serial + "/claim", mcsKey,
                    "{\"claimCode\":\"" + claimCodes.claimCode(serial) + "\"}").statusCode() == 200);
            HttpResponse<String> issued = post(mcs, "/api/v1/devices/" + serial + "/share-tokens", mcsKey,
                    "{\"mode\":\"share\"}");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            tokens.add(JSON.readTree(issued.body()).get("shareToken").asText());
        }
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode array = batch.putArray("shareTokens");
        tokens.forEach(array::add);
        HttpResponse<String> added = post(ocs, "/api/v1/cameras", ocsKey, JSON.writeValueAsString(batch));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        for (JsonNode result : JSON.readTree(added.body()).get("results")) {
            assertThat(result.has("camera")).as(result.toString()).isTrue();
            cameraIds.put(result.get("camera").get("serialNumber").asText(), result.get("camera").get("id").asText());
        }
        assertThat(cameraIds.keySet()).containsExactlyInAnyOrderElementsOf(SERIALS);
        await().atMost(PATIENCE).until(() -> SERIALS.stream().allMatch(serial -> "connected".equals(state(serial))));
    }

    @AfterAll
    void stop() {
        for (int i = closeLater.size() - 1; i >= 0; i--) {
            try {
                closeLater.get(i).close();
            } catch (Exception e) {
                // the rest matters more
            }
        }
        cameras.values().forEach(Camera::close);
        if (ocs != null) {
            ocs.close();
        }
        if (mcs != null) {
            mcs.close();
        }
    }

    @Test
    void each_shared_camera_is_connected_and_verified_on_the_ocs_through_its_own_access_token_uplink()
            throws Exception {
        JsonNode list = JSON.readTree(get(ocs, "/api/v1/cameras", ocsKey).body()).get("cameras");
        for (String serial : List.of(SHARED_1, SHARED_2)) {
            JsonNode camera = find(list, serial);
            assertThat(camera.get("state").asText()).isEqualTo("connected");
            assertThat(camera.get("connected").asBoolean()).isTrue();
            assertThat(camera.has("verifiedAt")).isTrue();
            assertThat(camera.get("xaddr").asText()).isEqualTo(mcs.apiUri().toString());
            String clientId = camera.get("clientId").asText();
            assertThat(ocs.database().clients().find(clientId).orElseThrow().state())
                    .isEqualTo(OAuthClientState.REGISTERED);
            // The camera's own uplink to the OCS is up, beside its factory uplink to the MCS.
            assertThat(cameras.get(serial).uplinkStatus(ocs.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
            assertThat(cameras.get(serial).uplinkStatus(mcs.uplinkUri()).status())
                    .isEqualTo(ConnectionStatus.Connected);
            assertThat(audit(ocs, cameraIds.get(serial))).contains(ConnectedCameras.AUDIT_CONNECTED);

            HttpResponse<String> soap = http.send(HttpRequest.newBuilder(ocs.apiUri().resolve("/api/v1/cameras/"
                            + cameraIds.get(serial) + "/onvif/device"))
                    .header("Authorization", "Bearer " + ocsKey).header("Content-Type", "application/soap+xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(SoapCodec.standard().writeRequest(
                            DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation())))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(soap.statusCode()).as(soap.body()).isEqualTo(200);
            assertThat(soap.body()).contains("<tds:SerialNumber>" + serial + "</tds:SerialNumber>");
        }
    }

    @Test
    void a_node_with_both_roles_admits_birth_certificates_and_access_tokens_on_its_one_uplink() {
        IssuedCredential birth = pki.issueBirthCertificate("Acme", "CloudCam 1", "SN-E2E-FACTORY");
        Camera factoryCamera = Camera.builder()
                .information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", "SN-E2E-FACTORY", "HW-1"))
                .dataDirectory(directory.resolve("camera-factory")).reconnectSchedule(QUICK)
                .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                        Optional.of(ocs.uplinkUri()), List.of(pki.localCaCertificate())))
                .build().start();
        closeLater.add(factoryCamera);

        await().atMost(PATIENCE).until(() -> ocs.role(ProvisioningRole.class).orElseThrow().registry()
                .isOnline("SN-E2E-FACTORY"));
        assertThat(state(SHARED_2)).isEqualTo("connected");
    }

    @Test
    void a_node_with_both_roles_serves_the_routes_of_both() throws Exception {
        assertThat(get(ocs, "/.well-known/oauth-authorization-server", null).statusCode()).isEqualTo(200);
        assertThat(get(ocs, "/.well-known/openid-configuration", null).statusCode()).isEqualTo(200);
        assertThat(get(ocs, "/oauth2/jwks.json", null).statusCode()).isEqualTo(200);
        assertThat(get(ocs, "/.well-known/jwks.json", null).statusCode()).isEqualTo(200);
        assertThat(get(ocs, "/api/v1/devices", ocsKey).statusCode()).isEqualTo(200);
        assertThat(get(ocs, "/api/v1/cameras", ocsKey).statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(get(ocs, "/.well-known/oauth-authorization-server", null).body());
        assertThat(metadata.get("issuer").asText()).isEqualTo(ocs.apiUri().toString());
        assertThat(metadata.get("token_endpoint").asText()).isEqualTo(ocs.apiUri() + "/oauth2/token");
    }

    @Test
    void refuses_an_unknown_share_token_at_device_sharing_completed() throws Exception {
        HttpResponse<String> unknownToken = post(mcs, "/api/v1/devices/" + SHARED_1 + "/share-tokens", mcsKey,
                "{\"mode\":\"share\"}"); // issued, but never given to the OCS
        String token = JSON.readTree(unknownToken.body()).get("shareToken").asText();
        String csr = Base64.getEncoder().encodeToString(
                CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=x").der());

        HttpResponse<String> refused = post(ocs, "/deviceSharingCompleted", null,
                "{\"shareToken\":\"" + token + "\",\"devicePublicKey\":\"" + csr + "\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("Invalid configuration");
        assertThat(ocs.database().auditLog().find(AuditQuery.first(1000).withSubject("deviceSharingCompleted"))
                .stream().map(AuditEntry::event)
                .filter(event -> event.action().equals(OperationalService.AUDIT_COMPLETION_REFUSED))
                .map(event -> event.detail()))
                .anyMatch(detail -> detail.startsWith("reason=" + CompletionRefusal.UNKNOWN_SHARE_TOKEN));
    }

    @Test
    void a_removed_camera_that_reconnects_is_refused() throws Exception {
        Camera camera = cameras.get(REMOVED);
        String id = cameraIds.get(REMOVED);
        String clientId = JSON.readTree(get(ocs, "/api/v1/cameras/" + id, ocsKey).body()).get("clientId").asText();

        HttpResponse<String> removed = send(ocs, "DELETE", "/api/v1/cameras/" + id, ocsKey, null);

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(ocs.database().clients().find(clientId).orElseThrow().state()).isEqualTo(OAuthClientState.REVOKED);
        // Its uplink was dropped; it comes back with its access token and is turned away before the tunnel opens.
        await().atMost(PATIENCE).until(() -> camera.uplinkStatus(ocs.uplinkUri()).error()
                .filter(error -> error.contains("403")).isPresent());
        assertThat(camera.uplinkStatus(ocs.uplinkUri()).status()).isNotEqualTo(ConnectionStatus.Connected);
        JsonNode after = JSON.readTree(get(ocs, "/api/v1/cameras/" + id, ocsKey).body());
        assertThat(after.get("state").asText()).isEqualTo("removed");
        assertThat(after.get("connected").asBoolean()).isFalse();
    }

    @Test
    void an_expired_access_token_is_refused_by_the_acceptor() throws Exception {
        String clientId = JSON.readTree(get(ocs, "/api/v1/cameras/" + cameraIds.get(SHARED_1), ocsKey).body())
                .get("clientId").asText();
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        AccessTokenIssuer issuer = new AccessTokenIssuer(
                new NodeKeys(directory.resolve("ocs").resolve("keys")).signingKey(OperationalRole.AUTHORIZATION_SERVER_KEY),
                ocs.apiUri().toString(), ocs.uplinkUri().toString(), Duration.ofMinutes(5), anHourAgo);
        String expired = issuer.issue(clientId, Optional.empty()).serialized();

        AuthenticationResult verdict = ocs.role(OperationalRole.class).orElseThrow().authorizationServer()
                .uplinkAuthenticator().authenticate(new UplinkCredentials(Optional.of(expired), List.of()))
                .toCompletableFuture().get();
        assertThat(verdict).isEqualTo(AuthenticationResult.rejected(AuthenticationResult.Rejection.EXPIRED_TOKEN));

        AtomicReference<UplinkStatus> status = new AtomicReference<>();
        UplinkConnector connector = UplinkConnector.builder().remoteAddress(ocs.uplinkUri().toString())
                .trustAnchors(List.of(pki.localCaCertificate()))
                .accessTokens(() -> CompletableFuture.completedFuture(
                        AccessToken.of(expired, Instant.now().plus(Duration.ofHours(1)))))
                .userLevel(UserLevel.Administrator).cameraIdentity(SHARED_1).reconnectSchedule(QUICK)
                .requestHandler((request, level) -> CompletableFuture.completedFuture(UplinkResponse.status(500)))
                .statusListener(status::set).build();
        closeLater.add(connector);
        connector.start();

        await().atMost(PATIENCE).until(() -> Optional.ofNullable(status.get()).flatMap(UplinkStatus::error)
                .filter(error -> error.contains("401")).isPresent());
        assertThat(status.get().status()).isNotEqualTo(ConnectionStatus.Connected);
    }

    @Test
    void a_camera_reporting_another_serial_number_is_disconnected_and_marked_identity_mismatch() throws Exception {
        String id = cameraIds.get(CLONED);
        String clientId = JSON.readTree(get(ocs, "/api/v1/cameras/" + id, ocsKey).body()).get("clientId").asText();
        // The camera's state (its key and uplink to the OCS) in a device that reports another serial number.
        cameras.get(CLONED).close();
        cameras.put(CLONED, camera(CLONED, "SN-E2E-OTHER", directory.resolve("camera-" + CLONED)));

        await().atMost(PATIENCE).until(() -> "identity-mismatch".equals(state(CLONED)));
        JsonNode camera = JSON.readTree(get(ocs, "/api/v1/cameras/" + id, ocsKey).body());
        assertThat(camera.get("connected").asBoolean()).isFalse();
        assertThat(camera.get("reason").asText()).contains("SN-E2E-OTHER");
        assertThat(ocs.database().clients().find(clientId).orElseThrow().state()).isEqualTo(OAuthClientState.REVOKED);
        assertThat(audit(ocs, id)).contains(ConnectedCameras.AUDIT_IDENTITY_MISMATCH);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A camera with a birth certificate for {@code certified}, reporting {@code reported} as its serial number. */
    private Camera camera(String certified, String reported, Path data) {
        IssuedCredential birth = pki.issueBirthCertificate("Acme", "CloudCam 1", certified);
        return Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", reported, "HW-1"))
                .dataDirectory(data).reconnectSchedule(QUICK)
                .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                        Optional.of(mcs.uplinkUri()), List.of(pki.localCaCertificate())))
                .build().start();
    }

    /** The camera's state on the OCS, as the camera API lists it. */
    private String state(String serial) {
        JsonNode list;
        try {
            list = JSON.readTree(get(ocs, "/api/v1/cameras", ocsKey).body()).get("cameras");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (JsonNode camera : list) {
            if (camera.get("id").asText().equals(cameraIds.get(serial))) {
                return camera.get("state").asText();
            }
        }
        return "absent";
    }

    private JsonNode find(JsonNode list, String serial) {
        for (JsonNode camera : list) {
            if (camera.get("id").asText().equals(cameraIds.get(serial))) {
                return camera;
            }
        }
        throw new AssertionError("no camera " + serial + " in " + list);
    }

    private static List<String> audit(CloudNode node, String subject) {
        return node.database().auditLog().find(AuditQuery.first(1000).withSubject(subject)).stream()
                .map(entry -> entry.event().action()).toList();
    }

    private HttpResponse<String> post(CloudNode node, String path, String apiKey, String body) throws Exception {
        return send(node, "POST", path, apiKey, body);
    }

    private HttpResponse<String> get(CloudNode node, String path, String apiKey) throws Exception {
        return send(node, "GET", path, apiKey, null);
    }

    private HttpResponse<String> send(CloudNode node, String method, String path, String apiKey, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.apiUri().resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
