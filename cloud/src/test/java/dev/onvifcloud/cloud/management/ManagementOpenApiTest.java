package dev.onvifcloud.cloud.management;

import static dev.onvifcloud.cloud.management.OpenApiConformance.assertConforms;
import static dev.onvifcloud.cloud.management.OpenApiConformance.problems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.notification.DeviceSharingCompletedNotifier;
import dev.onvifcloud.cloud.notification.NotificationWorld;
import dev.onvifcloud.cloud.notification.StandInOcsReceiver;
import dev.onvifcloud.cloud.provisioning.ProvisioningApi;
import dev.onvifcloud.cloud.provisioning.ProvisioningService;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.provisioning.StoredDeviceConfiguration;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.NewSharingOperation;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingRequest;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API's real responses (over HTTPS, from the server the cloud runs) against our OpenAPI document
 * ({@link OpenApiConformance}): each operation's success and each of its refusals.
 */
class ManagementOpenApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ISSUER = "https://pcs.test";

    @TempDir
    static Path directory;

    static NotificationWorld world;
    static ApiServer server;
    static HttpClient client;
    static IssuedApiKey ownerKey;
    static IssuedApiKey otherKey;

    @BeforeAll
    static void start() throws JOSEException, IOException {
        world = new NotificationWorld(directory);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("pcs-key-1").generate();
        ShareTokenIssuer issuer = new ShareTokenIssuer(key, ISSUER, world.clock);
        ProvisioningService service = ProvisioningService.builder().storage(world.database)
                .publicKeys(issuer.publicJwkSet()).issuer(ISSUER).addressPolicy(world.loopbackAllowed())
                .clock(world.clock).build();
        ManagementApi management = new ManagementApi(world.database, issuer,
                ManagementSettings.defaults(URI.create("https://pcs.test/"))
                        .withReplaySchedule(NotificationWorld.SHORT.schedule()),
                world.clock);
        IssuedCredential credential = world.pki.issueServerCertificate("pcs.test");
        server = ApiServer.builder().settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain())
                .routes(new ProvisioningApi(service).routes())
                .routes(management.routes())
                .build().start();
        client = TlsClients.httpClient(world.pki.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        ownerKey = world.database.apiKeys().issue(world.owner.id(), "owner key", world.clock.instant());
        otherKey = world.database.apiKeys().issue(
                world.database.accounts().create("other", world.clock.instant()).id(), "other key",
                world.clock.instant());
    }

    @AfterAll
    static void stop() {
        server.close();
        world.close();
    }

    // ------------------------------------------------------------------------------------------------ devices

    @Test
    void claim_responses_conform() throws Exception {
        Device device = unclaimedDevice();
        String claim = "/api/v1/devices/{serial}/claim";
        String path = "/api/v1/devices/" + device.serialNumber() + "/claim";

        assertConforms(claim, 403, send(ownerKey, "POST", path, "{\"claimCode\":\"wrong\"}"));
        assertConforms(claim, 400, send(ownerKey, "POST", path, "{\"claimCode\":42}"));
        assertConforms(claim, 400, send(ownerKey, "POST", path, "{\"claimCode\":\"code-42\",\"owner\":\"me\"}"));
        assertConforms(claim, 400, send(ownerKey, "POST", path, "[1]"));
        assertConforms(claim, 415, send(ownerKey, "POST", path, null));
        assertConforms(claim, 401, send(null, "POST", path, "{\"claimCode\":\"code-42\"}"));
        assertConforms(claim, 200, send(ownerKey, "POST", path, "{\"claimCode\":\"code-42\"}"));
        assertConforms(claim, 409, send(otherKey, "POST", path, "{\"claimCode\":\"code-42\"}"));
    }

    @Test
    void device_list_responses_conform() throws Exception {
        unclaimedDevice();
        world.claimedDevice(world.owner.id());

        HttpResponse<String> listed = send(ownerKey, "GET", "/api/v1/devices", null);
        assertConforms("/api/v1/devices", 200, listed);
        assertThat(json(listed).path("devices").size()).isPositive();
        assertConforms("/api/v1/devices", 401, send(null, "GET", "/api/v1/devices", null));
        HttpResponse<String> invalidKey = sendWithKey("not-a-key", "GET", "/api/v1/devices");
        assertConforms("/api/v1/devices", 401, invalidKey);
        assertThat(invalidKey.headers().firstValue("www-authenticate")).isPresent();
    }

    // ------------------------------------------------------------------------------------------ share tokens

    @Test
    void share_token_responses_conform() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        String tokens = "/api/v1/devices/{serial}/share-tokens";
        String path = "/api/v1/devices/" + device.serialNumber() + "/share-tokens";

        HttpResponse<String> issued = send(ownerKey, "POST", path, "{\"mode\":\"share\",\"lifetime\":600}");
        assertConforms(tokens, 201, issued);
        assertConforms(tokens, 201, send(ownerKey, "POST", path, "{\"mode\":\"transfer\"}"));
        assertConforms(tokens, 400, send(ownerKey, "POST", path, "{\"mode\":\"lend\"}"));
        assertConforms(tokens, 400, send(ownerKey, "POST", path, "{\"mode\":\"share\",\"lifetime\":86401}"));
        assertConforms(tokens, 404, send(otherKey, "POST", path, "{\"mode\":\"share\"}"));
        assertConforms(tokens, 415, send(ownerKey, "POST", path, null));
        assertConforms(tokens, 401, send(null, "POST", path, "{\"mode\":\"share\"}"));

        String jti = json(issued).path("jti").asText();
        String token = "/api/v1/share-tokens/{jti}";
        assertConforms(token, 404, send(otherKey, "DELETE", "/api/v1/share-tokens/" + jti, null));
        assertConforms(token, 204, send(ownerKey, "DELETE", "/api/v1/share-tokens/" + jti, null));
        assertConforms(token, 409, send(ownerKey, "DELETE", "/api/v1/share-tokens/" + jti, null));
        assertConforms(token, 401, send(null, "DELETE", "/api/v1/share-tokens/" + jti, null));

        HttpResponse<String> listed = send(ownerKey, "GET", path, null);
        assertConforms(tokens, 200, listed);
        assertThat(json(listed).path("shareTokens").findValuesAsText("state")).contains("revoked", "active");
        assertConforms(tokens, 404, send(otherKey, "GET", path, null));
        assertConforms(tokens, 401, send(null, "GET", path, null));
    }

    @Test
    void issuing_for_a_transferred_camera_conforms() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        assertThat(world.database.devices().markTransferred(device.id(), world.clock.instant())).isTrue();

        HttpResponse<String> refused = send(ownerKey, "POST",
                "/api/v1/devices/" + device.serialNumber() + "/share-tokens", "{\"mode\":\"share\"}");

        assertConforms("/api/v1/devices/{serial}/share-tokens", 409, refused);
        assertConforms("/api/v1/devices", 200, send(ownerKey, "GET", "/api/v1/devices", null));
    }

    // ------------------------------------------------------------------------------------------------ shares

    @Test
    void share_list_and_unshare_responses_conform() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        SharingOperation completed = completed(sharingOperation(device));
        SharingOperation inProgress = world.operation(device, world.owner.id()); // its configuration is unreadable
        world.notifier(NotificationWorld.SHORT).build().enqueue(completed.id(),
                List.of(URI.create("https://ocs.test/deviceSharingCompleted")),
                new DeviceSharingCompleted("eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln",
                        Base64Der.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})));
        String shares = "/api/v1/devices/{serial}/shares";
        String path = "/api/v1/devices/" + device.serialNumber() + "/shares";

        HttpResponse<String> listed = send(ownerKey, "GET", path, null);
        assertConforms(shares, 200, listed);
        assertThat(json(listed).path("shares").findValuesAsText("state"))
                .containsExactlyInAnyOrder("completed", "in_progress");
        assertThat(json(listed).path("shares").findValuesAsText("notification")).singleElement()
                .isIn("pending", "dead"); // the dead-letter test's deliveries may have given it up
        assertThat(json(listed).path("shares").findValuesAsText("configuration")).containsExactly("unreadable");
        assertThat(json(listed).path("shares").findValues("uplinks")).hasSize(1);
        assertConforms(shares, 404, send(otherKey, "GET", path, null));
        assertConforms(shares, 401, send(null, "GET", path, null));

        String share = "/api/v1/devices/{serial}/shares/{operationId}";
        assertConforms(share, 404, send(otherKey, "DELETE", path + "/" + completed.id(), null));
        assertConforms(share, 404, send(ownerKey, "DELETE", path + "/" + UUID.randomUUID(), null));
        assertConforms(share, 401, send(null, "DELETE", path + "/" + completed.id(), null));
        assertConforms(share, 409, send(ownerKey, "DELETE", path + "/" + inProgress.id(), null));
        HttpResponse<String> accepted = send(ownerKey, "DELETE", path + "/" + completed.id(), null);
        assertConforms(share, 202, accepted);
        assertThat(json(accepted).path("state").asText()).isEqualTo("unsharing");
        assertConforms(share, 409, send(ownerKey, "DELETE", path + "/" + completed.id(), null));
        assertConforms(shares, 200, send(ownerKey, "GET", path, null));
    }

    @Test
    void unsharing_a_transfer_conforms() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        SharingOperation transfer = completed(sharingOperation(device, SharingMode.TRANSFER));

        assertConforms("/api/v1/devices/{serial}/shares/{operationId}", 409, send(ownerKey, "DELETE",
                "/api/v1/devices/" + device.serialNumber() + "/shares/" + transfer.id(), null));
    }

    // ---------------------------------------------------------------------------------- notifications, audit

    @Test
    void dead_letter_replay_and_audit_responses_conform() throws Exception {
        Notification dead = deadLetter();
        String letters = "/api/v1/notifications/dead-letters";
        String replay = "/api/v1/notifications/{id}/replay";
        String replayPath = "/api/v1/notifications/" + dead.id() + "/replay";

        HttpResponse<String> listed = send(ownerKey, "GET", letters, null);
        assertConforms(letters, 200, listed);
        assertThat(json(listed).path("deadLetters").findValuesAsText("id")).contains(dead.id().toString());
        assertConforms(letters, 401, send(null, "GET", letters, null));
        assertConforms(replay, 404, send(otherKey, "POST", replayPath, null));
        assertConforms(replay, 401, send(null, "POST", replayPath, null));
        assertConforms(replay, 202, send(ownerKey, "POST", replayPath, null));
        assertConforms(replay, 409, send(ownerKey, "POST", replayPath, null));

        String audit = "/api/v1/audit";
        HttpResponse<String> entries = send(ownerKey, "GET", audit + "?subject=" + dead.id() + "&limit=10", null);
        assertConforms(audit, 200, entries);
        assertThat(json(entries).path("entries").size()).isPositive();
        assertConforms(audit, 400, send(ownerKey, "GET", audit, null));
        assertConforms(audit, 400, send(ownerKey, "GET", audit + "?subject=x&limit=1001", null));
        assertConforms(audit, 404, send(otherKey, "GET", audit + "?subject=" + dead.id(), null));
        assertConforms(audit, 401, send(null, "GET", audit + "?subject=" + dead.id(), null));
    }

    @Test
    void the_public_keys_conform() throws Exception {
        HttpResponse<String> keys = send(null, "GET", ProvisioningApi.JWKS, null);

        assertConforms(ProvisioningApi.JWKS, 200, keys);
    }

    /** The checks can fail: an undeclared status, a missing required member, a wrong type, an undeclared member. */
    @Test
    void the_checks_refuse_responses_the_document_does_not_describe() {
        String devices = "/api/v1/devices";
        assertThat(problems(devices, "GET", 418, "{\"error\":\"teapot\"}")).isNotEmpty();
        assertThat(problems(devices, "GET", 200, "{}")).isNotEmpty();
        assertThat(problems(devices, "GET", 200, "{\"devices\":{}}")).isNotEmpty();
        assertThat(problems("/api/v1/devices/{serial}/claim", "POST", 403, "{\"error\":\"no\",\"field\":7}"))
                .isNotEmpty();
        assertThat(problems(devices, "GET", 200, "{\"devices\":[],\"owner\":\"me\"}")).isNotEmpty();
        assertThat(problems(devices, "GET", 200, "{\"devices\":[]}")).isEmpty();
    }

    // ----------------------------------------------------------------------------------------------- world

    static HttpResponse<String> send(IssuedApiKey key, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key.key());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> sendWithKey(String key, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SharingOperation sharingOperation(Device device) {
        return sharingOperation(device, SharingMode.SHARE);
    }

    /** A sharing operation as startDeviceSharing leaves it, with a configuration the codec reads back. */
    static SharingOperation sharingOperation(Device device, SharingMode mode) {
        String jti = UUID.randomUUID().toString();
        Instant now = world.clock.instant();
        world.database.shareTokens().record(new NewShareToken(jti, device.id(), world.owner.id(), mode, now,
                now.plus(Duration.ofHours(1))));
        DeviceConfiguration configuration = new DeviceConfiguration("eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln",
                List.of(URI.create("https://ocs.test/deviceSharingCompleted")),
                List.of(new UplinkConfiguration(URI.create("wss://ocs.test/uplink"), UserLevel.Administrator,
                        "ocs-ca")),
                List.of(new AuthorizationServerConfiguration(URI.create("https://ocs.test"), "client-1",
                        Optional.of("uplink"), "ocs-ca")),
                List.of(new CertPathValidationPolicy("ocs-ca",
                        List.of(Base64Der.of(certificate(world.pki.localCaCertificate()))))));
        SharingRequest request = new SharingRequest(UUID.randomUUID(), "0".repeat(64), List.of(new NewSharingOperation(
                UUID.randomUUID(), jti, StoredDeviceConfiguration.encode(new Json(JsonLimits.defaults()), configuration))));
        return world.database.sharingOperations().start(request, now).value().get(0);
    }

    /** The operation, configured: what a worker records when the camera is set up. */
    static SharingOperation completed(SharingOperation operation) {
        for (SharingOperation claimed : world.database.sharingOperations().claimDue(world.clock.instant(),
                "test-worker", Duration.ofMinutes(1), 1000)) {
            Lease lease = claimed.lease().orElseThrow();
            if (claimed.id().equals(operation.id())) {
                assertThat(world.database.sharingOperations().complete(lease, world.clock.instant())).isTrue();
            } else {
                world.database.sharingOperations().retryLater(lease, "test", world.clock.instant(),
                        world.clock.instant());
            }
        }
        return world.database.sharingOperations().find(operation.id()).orElseThrow();
    }

    static byte[] certificate(java.security.cert.X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Device unclaimedDevice() {
        String serial = "SN-O-" + UUID.randomUUID();
        world.database.devices().recordSeen(new DeviceInformation("Acme", "Cam-1", "1.0", serial, "hw"),
                world.clock.instant());
        world.database.devices().setClaimCode(serial, ClaimCodeHash.of("code-42", new SecureRandom()));
        return world.database.devices().findBySerialNumber(serial).orElseThrow();
    }

    /** A notification for one of the owner's cameras, given up on against a receiver answering 500. */
    static Notification deadLetter() throws Exception {
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            receiver.status.set(500);
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(world.operation().id(), List.of(receiver.endpoint()),
                    new DeviceSharingCompleted("eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln",
                            Base64Der.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})));
            for (int i = 0; i < 50 && stateOf(queued).state() == NotificationState.PENDING; i++) {
                world.clock.set(stateOf(queued).nextAttemptAt());
                notifier.deliverDue();
            }
            assertThat(stateOf(queued).state()).isEqualTo(NotificationState.DEAD);
            return stateOf(queued);
        }
    }

    static Notification stateOf(Notification notification) {
        return world.database.notifications().find(notification.id()).orElseThrow();
    }
}
