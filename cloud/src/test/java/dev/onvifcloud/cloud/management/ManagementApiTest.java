package dev.onvifcloud.cloud.management;

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
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.cloud.storage.IssuedShareToken;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management API over real HTTPS, mounted with the Cloud Integration routes on one server. */
class ManagementApiTest {

    static final String ISSUER = "https://pcs.test";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path directory;

    static NotificationWorld world;
    static ShareTokenIssuer issuer;
    static ProvisioningService service;
    static ApiServer server;
    static HttpClient client;
    static Account other;
    static IssuedApiKey ownerKey;
    static IssuedApiKey otherKey;
    static IssuedApiKey revokedKey;

    @BeforeAll
    static void start() throws JOSEException {
        world = new NotificationWorld(directory);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("pcs-key-1").generate();
        issuer = new ShareTokenIssuer(key, ISSUER, world.clock);
        service = ProvisioningService.builder().storage(world.database).publicKeys(issuer.publicJwkSet())
                .issuer(ISSUER).addressPolicy(world.loopbackAllowed()).clock(world.clock).build();
        ManagementApi management = new ManagementApi(world.database, issuer,
                ManagementSettings.defaults(URI.create("https://pcs.test/"))
                        .withMaxShareTokenLifetime(Duration.ofHours(2))
                        .withReplaySchedule(NotificationWorld.SHORT.schedule()),
                world.clock);
        IssuedCredential credential = world.pki.issueServerCertificate("pcs.test");
        server = ApiServer.builder().settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain())
                .routes(new ProvisioningApi(service).routes())
                .routes(management.routes())
                .build().start();
        client = TlsClients.httpClient(world.pki.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        other = world.database.accounts().create("other", world.clock.instant());
        ownerKey = world.database.apiKeys().issue(world.owner.id(), "owner key", world.clock.instant());
        otherKey = world.database.apiKeys().issue(other.id(), "other key", world.clock.instant());
        revokedKey = world.database.apiKeys().issue(world.owner.id(), "old key", world.clock.instant());
        world.database.apiKeys().revoke(revokedKey.apiKey().keyId(), world.clock.instant());
    }

    @AfterAll
    static void stop() {
        server.close();
        world.close();
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    static HttpResponse<String> send(String method, String path, Optional<String> key, Optional<String> json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path))
                .method(method, json.map(HttpRequest.BodyPublishers::ofString)
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        json.ifPresent(body -> request.header("Content-Type", "application/json"));
        key.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> as(IssuedApiKey key, String method, String path, String json) throws Exception {
        return send(method, path, Optional.of(key.key()), Optional.ofNullable(json));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response).path("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(json(response).path("field").asText()).isEqualTo(field);
        }
    }

    static Device unclaimedDevice() {
        String serial = "SN-U-" + UUID.randomUUID();
        world.database.devices().recordSeen(new DeviceInformation("Acme", "Cam-1", "1.0", serial, "hw"),
                world.clock.instant());
        world.database.devices().setClaimCode(serial, ClaimCodeHash.of("code-42", new SecureRandom()));
        return world.database.devices().findBySerialNumber(serial).orElseThrow();
    }

    static String shareTokens(Device device) {
        return "/api/v1/devices/" + device.serialNumber() + "/share-tokens";
    }

    // --------------------------------------------------------------------------------------- authentication

    @Test
    void refuses_a_request_without_an_api_key_with_401_and_www_authenticate() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/devices", Optional.empty(), Optional.empty());

        assertProblem(response, 401, null);
        assertThat(response.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"onvif-cloud\"");
    }

    @Test
    void refuses_a_malformed_unknown_wrong_or_revoked_key_alike() throws Exception {
        String wrongSecret = ownerKey.key().substring(0, ownerKey.key().length() - 4) + "AAAA";
        String unknown = "ock_0123456789abcdef_" + "A".repeat(43);
        for (String key : List.of("not-a-key", unknown, wrongSecret, revokedKey.key())) {
            HttpResponse<String> response = send("GET", "/api/v1/devices", Optional.of(key), Optional.empty());
            assertProblem(response, 401, null);
            assertThat(response.headers().firstValue("www-authenticate")).hasValue(
                    "Bearer realm=\"onvif-cloud\", error=\"invalid_token\"");
            assertThat(response.body()).isEqualTo("{\"error\":\"The API key is not valid\"}");
        }
    }

    // ------------------------------------------------------------------------------------------------ claims

    @Test
    void claims_a_camera_with_its_claim_code_and_lists_it() throws Exception {
        Device device = unclaimedDevice();

        HttpResponse<String> claimed = as(ownerKey, "POST", "/api/v1/devices/" + device.serialNumber() + "/claim",
                "{\"claimCode\":\"code-42\"}");

        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(json(claimed).path("state").asText()).isEqualTo("claimed");
        JsonNode listed = json(as(ownerKey, "GET", "/api/v1/devices", null));
        assertThat(listed.path("devices").findValuesAsText("serialNumber")).contains(device.serialNumber());
        assertThat(json(as(otherKey, "GET", "/api/v1/devices", null)).path("devices").findValuesAsText("serialNumber"))
                .doesNotContain(device.serialNumber());
        assertThat(json(as(ownerKey, "GET", "/api/v1/audit?subject=" + device.serialNumber(), null))
                .path("entries").findValuesAsText("action")).contains("device.claimed");
    }

    @Test
    void refuses_a_wrong_claim_code_and_an_unknown_camera_alike_and_a_second_claim() throws Exception {
        Device device = unclaimedDevice();
        HttpResponse<String> wrong = as(ownerKey, "POST", "/api/v1/devices/" + device.serialNumber() + "/claim",
                "{\"claimCode\":\"code-43\"}");
        HttpResponse<String> unknown = as(ownerKey, "POST", "/api/v1/devices/SN-NOPE/claim",
                "{\"claimCode\":\"code-42\"}");
        assertProblem(wrong, 403, "/claimCode");
        assertThat(unknown.body()).isEqualTo(wrong.body());

        assertThat(as(ownerKey, "POST", "/api/v1/devices/" + device.serialNumber() + "/claim",
                "{\"claimCode\":\"code-42\"}").statusCode()).isEqualTo(200);
        assertProblem(as(otherKey, "POST", "/api/v1/devices/" + device.serialNumber() + "/claim",
                "{\"claimCode\":\"code-42\"}"), 409, null);
    }

    @Test
    void refuses_bodies_that_are_not_a_claim_with_the_field() throws Exception {
        String path = "/api/v1/devices/" + unclaimedDevice().serialNumber() + "/claim";
        assertProblem(as(ownerKey, "POST", path, "{\"claimCode\":"), 400, "");
        assertProblem(as(ownerKey, "POST", path, "[\"code-42\"]"), 400, "");
        assertProblem(as(ownerKey, "POST", path, "{\"claimCode\":\"a\",\"claimCode\":\"b\"}"), 400, "");
        assertProblem(as(ownerKey, "POST", path, "{}"), 400, "/claimCode");
        assertProblem(as(ownerKey, "POST", path, "{\"claimCode\":42}"), 400, "/claimCode");
        assertProblem(as(ownerKey, "POST", path, "{\"claimCode\":\"code-42\",\"owner\":\"me\"}"), 400, "/owner");
        assertThat(as(ownerKey, "POST", path, null).statusCode()).isEqualTo(415);
    }

    // ------------------------------------------------------------------------------------------ share tokens

    @Test
    void issues_a_share_token_that_verifies_with_the_published_keys_and_is_recorded() throws Exception {
        Device device = world.claimedDevice(world.owner.id());

        HttpResponse<String> response = as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"transfer\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        String text = json(response).path("shareToken").asText();
        String jwks = send("GET", ProvisioningApi.JWKS, Optional.empty(), Optional.empty()).body();
        ShareToken token = new ShareTokenVerifier(PublicJwkSet.parse(jwks),
                ShareTokenPolicy.defaults().withExpectedIssuer(ISSUER), world.clock).verify(text);
        assertThat(token.claims().serialNumber()).isEqualTo(device.serialNumber());
        assertThat(Duration.between(token.claims().issuedAt(), token.claims().expiresAt()))
                .isEqualTo(ManagementSettings.DEFAULT_SHARE_TOKEN_LIFETIME);
        IssuedShareToken recorded = world.database.shareTokens().find(token.claims().jwtId()).orElseThrow();
        assertThat(recorded.mode()).isEqualTo(SharingMode.TRANSFER);
        assertThat(recorded.issuedBy()).isEqualTo(world.owner.id());

        HttpResponse<String> listed = as(ownerKey, "GET", shareTokens(device), null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).path("shareTokens").findValuesAsText("jti")).containsExactly(token.claims().jwtId());
        assertThat(listed.body()).doesNotContain(text).doesNotContain("shareToken\"");
    }

    @Test
    void refuses_a_bad_mode_a_lifetime_over_the_maximum_and_another_accounts_camera() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        assertProblem(as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"lend\"}"), 400, "/mode");
        assertProblem(as(ownerKey, "POST", shareTokens(device), "{}"), 400, "/mode");
        assertProblem(as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"share\",\"lifetime\":7201}"), 400,
                "/lifetime");
        assertProblem(as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"share\",\"lifetime\":1.5}"), 400,
                "/lifetime");
        assertThat(as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"share\",\"lifetime\":7200}").statusCode())
                .isEqualTo(201);

        HttpResponse<String> foreign = as(otherKey, "POST", shareTokens(device), "{\"mode\":\"share\"}");
        HttpResponse<String> unknown = as(otherKey, "POST", "/api/v1/devices/SN-NOPE/share-tokens",
                "{\"mode\":\"share\"}");
        assertProblem(foreign, 404, null);
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertProblem(as(otherKey, "GET", shareTokens(device), null), 404, null);
    }

    @Test
    void revokes_a_share_token_which_start_device_sharing_then_refuses_as_invalid_jwt() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        String text = json(as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"share\"}")).path("shareToken").asText();
        String jti = ShareToken.decodeUntrusted(text).claims().jwtId();

        assertProblem(as(otherKey, "DELETE", "/api/v1/share-tokens/" + jti, null), 404, null);
        HttpResponse<String> revoked = as(ownerKey, "DELETE", "/api/v1/share-tokens/" + jti, null);
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertProblem(as(ownerKey, "DELETE", "/api/v1/share-tokens/" + jti, null), 409, null);
        assertThat(json(as(ownerKey, "GET", shareTokens(device), null)).path("shareTokens").findValuesAsText("state"))
                .containsExactly("revoked");

        HttpResponse<String> sharing = send("POST", ProvisioningApi.START_DEVICE_SHARING, Optional.empty(),
                Optional.of(startDeviceSharing(text)));
        assertThat(sharing.statusCode()).isEqualTo(400);
        assertThat(sharing.body()).isEqualTo("{\"error\":\"Invalid JWT\"}");
    }

    static String startDeviceSharing(String token) throws Exception {
        Base64Der anchor = Base64Der.of(world.pki.localCaCertificate().getEncoded());
        DeviceConfiguration configuration = new DeviceConfiguration(token,
                List.of(URI.create("https://127.0.0.1:8443/deviceSharingCompleted")),
                List.of(new UplinkConfiguration(URI.create("wss://127.0.0.1:9443/uplink"), UserLevel.Administrator,
                        "ocs-ca")),
                List.of(new AuthorizationServerConfiguration(URI.create("https://127.0.0.1:9444/as"), "client-1",
                        Optional.of("uplink"), "ocs-ca")),
                List.of(new CertPathValidationPolicy("ocs-ca", List.of(anchor))));
        return new String(new Json(JsonLimits.defaults()).write(new StartDeviceSharing(List.of(configuration))),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    // ----------------------------------------------------------------------------------------- dead letters

    @Test
    void shows_a_dead_letter_to_its_owner_only_and_replays_it_until_delivered() throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            receiver.status.set(500);
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()),
                    new DeviceSharingCompleted("eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiIxIn0.c2ln", Base64Der.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})));
            for (int i = 0; i < 50 && state(queued).state() == NotificationState.PENDING; i++) {
                world.clock.set(state(queued).nextAttemptAt());
                notifier.deliverDue();
            }
            assertThat(state(queued).state()).isEqualTo(NotificationState.DEAD);

            HttpResponse<String> mine = as(ownerKey, "GET", "/api/v1/notifications/dead-letters", null);
            assertThat(json(mine).path("deadLetters").findValuesAsText("id")).contains(queued.id().toString());
            assertThat(mine.body()).doesNotContain("eyJhbGciOiJFUzI1NiJ9");
            assertThat(json(as(otherKey, "GET", "/api/v1/notifications/dead-letters", null)).path("deadLetters")
                    .findValuesAsText("id")).doesNotContain(queued.id().toString());
            String replay = "/api/v1/notifications/" + queued.id() + "/replay";
            assertProblem(as(otherKey, "POST", replay, null), 404, null);
            assertProblem(as(ownerKey, "POST", "/api/v1/notifications/not-a-uuid/replay", null), 404, null);

            receiver.status.set(200);
            assertThat(as(ownerKey, "POST", replay, null).statusCode()).isEqualTo(202);
            assertProblem(as(ownerKey, "POST", replay, null), 409, null);
            notifier.deliverDue();

            assertThat(state(queued).state()).isEqualTo(NotificationState.DELIVERED);
            assertThat(json(as(ownerKey, "GET", "/api/v1/audit?subject=" + queued.id(), null)).path("entries")
                    .findValuesAsText("action")).contains("notification.dead-lettered", "notification.replayed",
                    "notification.delivered");
        }
    }

    static Notification state(Notification notification) {
        return world.database.notifications().find(notification.id()).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------------- audit

    @Test
    void answers_the_audit_log_of_the_accounts_subjects_only() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        as(ownerKey, "POST", shareTokens(device), "{\"mode\":\"share\"}");

        assertThat(json(as(ownerKey, "GET", "/api/v1/audit?subject=" + device.serialNumber(), null)).path("entries")
                .findValuesAsText("action")).contains("share-token.issued");
        assertProblem(as(otherKey, "GET", "/api/v1/audit?subject=" + device.serialNumber(), null), 404, null);
        HttpResponse<String> missing = as(ownerKey, "GET", "/api/v1/audit", null);
        assertProblem(missing, 400, null);
        assertThat(json(missing).path("parameter").asText()).isEqualTo("subject");
        assertProblem(as(ownerKey, "GET", "/api/v1/audit?subject=" + device.serialNumber() + "&limit=0", null), 400,
                null);
    }

    @Test
    void lists_a_cameras_shares_and_unshares_a_completed_one_as_a_durable_job() throws Exception {
        Device device = world.claimedDevice(world.owner.id());
        SharingOperation inProgress = world.operation(device, world.owner.id());
        SharingOperation completed = world.operation(device, world.owner.id());
        for (SharingOperation claimed : world.database.sharingOperations().claimDue(world.clock.instant(),
                "test-worker", Duration.ofMinutes(1), 1000)) {
            var lease = claimed.lease().orElseThrow();
            if (claimed.id().equals(completed.id())) {
                assertThat(world.database.sharingOperations().complete(lease, world.clock.instant())).isTrue();
            } else {
                world.database.sharingOperations().retryLater(lease, "test", world.clock.instant(),
                        world.clock.instant());
            }
        }
        String shares = "/api/v1/devices/" + device.serialNumber() + "/shares";

        HttpResponse<String> listed = as(ownerKey, "GET", shares, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(json(listed).path("shares").findValuesAsText("state"))
                .containsExactlyInAnyOrder("in_progress", "completed");
        assertThat(json(listed).path("shares").findValuesAsText("mode")).containsOnly("share");
        assertProblem(as(otherKey, "GET", shares, null), 404, null);

        assertProblem(as(otherKey, "DELETE", shares + "/" + completed.id(), null), 404, null);
        assertProblem(as(ownerKey, "DELETE", shares + "/" + UUID.randomUUID(), null), 404, null);
        assertProblem(as(ownerKey, "DELETE", shares + "/not-an-id", null), 404, null);
        HttpResponse<String> notCompleted = as(ownerKey, "DELETE", shares + "/" + inProgress.id(), null);
        assertProblem(notCompleted, ManagementError.SHARE_NOT_REMOVABLE.status(), null);

        HttpResponse<String> accepted = as(ownerKey, "DELETE", shares + "/" + completed.id(), null);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).path("state").asText()).isEqualTo("unsharing");
        assertThat(world.database.sharingOperations().find(completed.id()).orElseThrow().state())
                .isEqualTo(dev.onvifcloud.cloud.storage.SharingOperationState.UNSHARING);
        assertProblem(as(ownerKey, "DELETE", shares + "/" + completed.id(), null),
                ManagementError.SHARE_NOT_REMOVABLE.status(), null);
        assertThat(world.database.auditLog().find(dev.onvifcloud.cloud.storage.AuditQuery.first(100)
                .withSubject(completed.id().toString()))).extracting(entry -> entry.event().action())
                .contains("share.unshare-requested", "share.unshare-refused");
    }
}
