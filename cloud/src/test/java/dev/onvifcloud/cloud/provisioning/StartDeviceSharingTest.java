package dev.onvifcloud.cloud.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.DeviceSharingError;
import dev.onvifcloud.protocol.OpenApiDocument;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /startDeviceSharing} over real HTTPS, against an H2 database. */
class StartDeviceSharingTest {

    private static final String INVALID_JWT = "{\"error\":\"Invalid JWT\"}";
    private static final String INVALID_CONFIGURATION = "{\"error\":\"Invalid configuration\"}";

    @TempDir
    static Path directory;

    private static SharingWorld world;

    @BeforeAll
    static void start() {
        world = new SharingWorld(directory);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @BeforeEach
    void reset_the_clock() {
        world.clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    // ---------------------------------------------------------------- accepted

    @Test
    void accepts_a_valid_request_with_an_empty_200_and_persists_every_operation() throws Exception {
        Device first = world.claimedDevice();
        Device second = world.claimedDevice();
        ShareToken firstToken = world.issueToken(first);
        ShareToken secondToken = world.issueToken(second);
        DeviceConfiguration firstConfiguration = world.configuration(firstToken);
        String body = world.body(firstConfiguration, world.configuration(secondToken));

        HttpResponse<String> response = world.post(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("content-length")).hasValue("0");
        SharingOperation operation = world.database.sharingOperations().findByShareToken(jti(firstToken)).orElseThrow();
        SharingOperation other = world.database.sharingOperations().findByShareToken(jti(secondToken)).orElseThrow();
        assertThat(operation.deviceId()).isEqualTo(first.id());
        assertThat(other.deviceId()).isEqualTo(second.id());
        assertThat(operation.state()).isEqualTo(SharingOperationState.IN_PROGRESS);
        assertThat(operation.requestId()).isEqualTo(other.requestId());
        assertThat(operation.requestSha256())
                .isEqualTo(ProvisioningService.sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(StoredDeviceConfiguration.decode(world.json, operation.deviceConfiguration()))
                .isEqualTo(firstConfiguration);
        assertThat(world.database.shareTokens().find(jti(firstToken)).orElseThrow().isUsed()).isTrue();
        assertThat(world.database.shareTokens().find(jti(secondToken)).orElseThrow().isUsed()).isTrue();
        List<AuditEntry> audit = world.database.auditLog()
                .find(AuditQuery.first(10).withSubject(operation.id().toString()));
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo("sharing-operation.started");
            assertThat(entry.event().actor()).isEqualTo("ocs@127.0.0.1");
            assertThat(entry.event().detail()).contains(first.serialNumber()).doesNotContain(firstToken.serialized());
        });
    }

    @Test
    void answers_an_identical_request_again_with_200_and_creates_nothing() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        ShareToken other = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token), world.configuration(other));
        assertThat(world.post(body).statusCode()).isEqualTo(200);
        SharingOperation created = world.database.sharingOperations().findByShareToken(jti(token)).orElseThrow();

        HttpResponse<String> again = world.post(body);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        assertThat(world.database.sharingOperations().findByRequest(created.requestId())).hasSize(2);
        Outcome<SharingAcceptance, SharingRejection> direct =
                world.service.startDeviceSharing(body.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(direct.value().replayed()).isTrue();
        assertThat(direct.value().requestId()).isEqualTo(created.requestId());
        assertThat(direct.value().operations()).extracting(SharingOperation::tokenJti)
                .containsExactly(jti(token), jti(other));
        assertThat(world.database.auditLog().find(AuditQuery.first(10).withSubject(created.requestId().toString())))
                .extracting(entry -> entry.event().action()).contains("sharing-request.replayed");
    }

    @Test
    void refuses_a_used_token_in_a_different_request() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        assertThat(world.post(world.body(world.configuration(token))).statusCode()).isEqualTo(200);
        SharingOperation first = world.database.sharingOperations().findByShareToken(jti(token)).orElseThrow();
        int audit = world.auditEntries();

        String different = world.body(world.configuration(token.serialized(),
                URI.create("https://127.0.0.1:8443/elsewhere")));

        assertRefused(different, SharingRefusal.SHARE_TOKEN_USED);
        assertThat(world.database.sharingOperations().findByShareToken(jti(token))).hasValue(first);
        assertThat(world.auditEntries()).isEqualTo(audit);
    }

    @Test
    void refuses_a_replay_that_adds_a_fresh_token_to_an_accepted_request() throws Exception {
        ShareToken used = world.issueToken(world.claimedDevice());
        assertThat(world.post(world.body(world.configuration(used))).statusCode()).isEqualTo(200);
        ShareToken fresh = world.issueToken(world.claimedDevice());

        assertRefused(world.body(world.configuration(used), world.configuration(fresh)),
                SharingRefusal.SHARE_TOKEN_USED, fresh);
    }

    // ---------------------------------------------------------------- Invalid configuration

    @Test
    void refuses_malformed_json() throws Exception {
        assertRefused("{\"deviceConfigurations\": [", SharingRefusal.MALFORMED_REQUEST);
    }

    @Test
    void refuses_a_missing_required_field() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        assertRefused("{\"deviceConfigurations\":[{\"shareToken\":\"" + token.serialized() + "\"}]}",
                SharingRefusal.MALFORMED_REQUEST, token);
        assertRefused("{}", SharingRefusal.MALFORMED_REQUEST);
    }

    @Test
    void refuses_a_trust_anchor_that_is_not_base64() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token));
        String anchor = Base64Der.of(world.pki.localCaCertificate().getEncoded()).toBase64();

        assertRefused(body.replace(anchor, "not*base64"), SharingRefusal.MALFORMED_REQUEST, token);
    }

    @Test
    void refuses_a_trust_anchor_that_is_not_a_certificate() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token));
        String anchor = Base64Der.of(world.pki.localCaCertificate().getEncoded()).toBase64();
        String notACertificate = Base64Der.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}).toBase64();

        assertRefused(body.replace(anchor, notACertificate), SharingRefusal.TRUST_ANCHOR_NOT_CERTIFICATE, token);
    }

    @Test
    void refuses_an_unknown_policy_alias() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token));

        assertRefused(body.replaceFirst("\"certPathValidationPolicyAlias\":\"ocs-ca\"",
                "\"certPathValidationPolicyAlias\":\"nobody\""), SharingRefusal.MALFORMED_REQUEST, token);
    }

    @Test
    void refuses_an_http_endpoint() throws Exception {
        assertEndpointRefused("http://127.0.0.1:8080/deviceSharingCompleted");
    }

    @Test
    void refuses_loopback_endpoints_not_allow_listed() throws Exception {
        assertEndpointRefused("https://127.0.0.2/deviceSharingCompleted");
        assertEndpointRefused("https://[::1]/deviceSharingCompleted");
    }

    @Test
    void refuses_private_endpoints() throws Exception {
        assertEndpointRefused("https://10.1.2.3/deviceSharingCompleted");
        assertEndpointRefused("https://192.168.0.10/deviceSharingCompleted");
        assertEndpointRefused("https://[fd00::1]/deviceSharingCompleted");
    }

    @Test
    void refuses_the_cloud_metadata_endpoint() throws Exception {
        assertEndpointRefused("https://169.254.169.254/latest/meta-data/");
    }

    @Test
    void refuses_an_uplink_that_is_neither_https_nor_wss_or_points_inside() throws Exception {
        for (String remote : new String[] {"ws://127.0.0.1:9443/uplink", "wss://192.168.1.10/uplink"}) {
            ShareToken token = world.issueToken(world.claimedDevice());
            String body = world.body(world.configuration(token)).replace("wss://127.0.0.1:9443/uplink", remote);

            assertRefused(body, SharingRefusal.UPLINK_REFUSED, token);
        }
    }

    @Test
    void accepts_an_https_uplink() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token))
                .replace("wss://127.0.0.1:9443/uplink", "https://127.0.0.1:9443/uplink");

        assertThat(world.post(body).statusCode()).isEqualTo(200);
    }

    @Test
    void refuses_an_authorization_server_that_is_not_https() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(token))
                .replace("https://127.0.0.1:9444/as", "http://127.0.0.1:9444/as");

        assertRefused(body, SharingRefusal.AUTHORIZATION_SERVER_REFUSED, token);
    }

    @Test
    void persists_nothing_when_one_configuration_of_three_is_invalid() throws Exception {
        ShareToken first = world.issueToken(world.claimedDevice());
        ShareToken second = world.issueToken(world.claimedDevice());
        ShareToken third = world.issueToken(world.claimedDevice());
        String body = world.body(world.configuration(first), world.configuration(second),
                world.configuration(third.serialized(), URI.create("https://10.0.0.7/deviceSharingCompleted")));

        SharingRejection rejection = assertRefused(body, SharingRefusal.ENDPOINT_REFUSED, first, second, third);

        assertThat(rejection.index()).hasValue(2);
    }

    // ---------------------------------------------------------------- Invalid JWT

    @Test
    void refuses_a_token_with_a_bad_signature() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        String serialized = token.serialized();
        int middle = serialized.lastIndexOf('.') + 10;
        char replaced = serialized.charAt(middle) == 'A' ? 'B' : 'A';
        String forged = serialized.substring(0, middle) + replaced + serialized.substring(middle + 1);

        SharingRejection rejection = assertRefused(
                world.body(world.configuration(forged, URI.create(SharingWorld.ENDPOINT))),
                SharingRefusal.SHARE_TOKEN_NOT_VERIFIED, token);

        assertThat(rejection.detail()).isEqualTo(RejectionReason.BAD_SIGNATURE.name());
    }

    @Test
    void refuses_an_expired_token() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        world.clock.advance(Duration.ofHours(2));

        SharingRejection rejection = assertRefused(world.body(world.configuration(token)),
                SharingRefusal.SHARE_TOKEN_NOT_VERIFIED, token);

        assertThat(rejection.detail()).isEqualTo(RejectionReason.EXPIRED.name());
    }

    @Test
    void refuses_a_token_whose_record_has_expired() throws Exception {
        Device device = world.claimedDevice();
        ShareToken token = world.issueToken(device, world.issuer, Duration.ofSeconds(5));
        world.clock.advance(Duration.ofSeconds(10));

        assertRefused(world.body(world.configuration(token)), SharingRefusal.SHARE_TOKEN_EXPIRED, token);
    }

    @Test
    void refuses_a_token_of_another_issuer() throws Exception {
        Device device = world.claimedDevice();
        ShareTokenIssuer otherPcs = new ShareTokenIssuer(SharingWorld.newKey("other-key"), "https://other.test",
                world.clock);
        ShareToken foreign = world.issueToken(device, otherPcs, Duration.ofHours(1));

        SharingRejection rejection = assertRefused(world.body(world.configuration(foreign)),
                SharingRefusal.SHARE_TOKEN_NOT_VERIFIED, foreign);

        assertThat(rejection.detail()).isEqualTo(RejectionReason.UNKNOWN_KEY.name());
    }

    @Test
    void refuses_a_token_signed_by_our_key_for_another_issuer() throws Exception {
        Device device = world.claimedDevice();
        ShareTokenIssuer sameKeyOtherName = new ShareTokenIssuer(world.signingKey, "https://other.test", world.clock);
        ShareToken token = world.issueToken(device, sameKeyOtherName, Duration.ofHours(1));

        SharingRejection rejection = assertRefused(world.body(world.configuration(token)),
                SharingRefusal.SHARE_TOKEN_NOT_VERIFIED, token);

        assertThat(rejection.detail()).isEqualTo(RejectionReason.WRONG_ISSUER.name());
    }

    @Test
    void refuses_a_token_we_have_no_record_of() throws Exception {
        Device device = world.claimedDevice();
        ShareToken unrecorded = world.issuer.issue(SharingWorld.XADDR, device.serialNumber(), SharingWorld.MODEL,
                SharingWorld.MANUFACTURER, Duration.ofHours(1));

        assertRefused(world.body(world.configuration(unrecorded)), SharingRefusal.SHARE_TOKEN_UNKNOWN);
        assertThat(world.database.sharingOperations().findByShareToken(jti(unrecorded))).isEmpty();
    }

    @Test
    void refuses_a_revoked_token() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        assertThat(world.database.shareTokens().revoke(jti(token), world.clock.instant())).isTrue();

        assertRefused(world.body(world.configuration(token)), SharingRefusal.SHARE_TOKEN_REVOKED);
        assertThat(world.database.sharingOperations().findByShareToken(jti(token))).isEmpty();
    }

    @Test
    void refuses_a_token_for_a_camera_the_issuer_no_longer_owns() throws Exception {
        Device device = world.claimedDevice();
        ShareToken token = world.issueToken(device);
        assertThat(world.database.devices().markTransferred(device.id(), world.clock.instant())).isTrue();

        assertRefused(world.body(world.configuration(token)), SharingRefusal.ISSUER_NOT_OWNER, token);
    }

    @Test
    void refuses_a_token_whose_claims_differ_from_the_camera_record() throws Exception {
        for (String[] claims : new String[][] {
                {"other-serial", SharingWorld.MODEL, SharingWorld.MANUFACTURER},
                {null, "Other-Model", SharingWorld.MANUFACTURER},
                {null, SharingWorld.MODEL, "Other Inc."}}) {
            Device device = world.claimedDevice();
            String serial = claims[0] == null ? device.serialNumber() : claims[0];
            ShareToken token = world.issuer.issue(SharingWorld.XADDR, serial, claims[1], claims[2], Duration.ofHours(1));
            world.record(device, token, Duration.ofHours(1));

            assertRefused(world.body(world.configuration(token)), SharingRefusal.CLAIMS_MISMATCH, token);
        }
    }

    // ---------------------------------------------------------------- HTTP around it

    @Test
    void answers_413_for_a_body_over_one_mebibyte() throws Exception {
        String large = "{\"deviceConfigurations\":[],\"padding\":\"" + "x".repeat(1_048_576) + "\"}";

        HttpResponse<String> response = world.post(large);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"error\":\"Payload too large\"}");
    }

    @Test
    void answers_415_for_a_body_that_is_not_declared_json() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        HttpResponse<String> response = world.send(HttpRequest.newBuilder(world.uri("/startDeviceSharing"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(world.body(world.configuration(token)))).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).isEqualTo("{\"error\":\"Unsupported media type\"}");
        assertNothingPersisted(token);
    }

    @Test
    void answers_404_for_an_unknown_path_and_405_for_get_on_start_device_sharing() throws Exception {
        HttpResponse<String> unknown = world.send(HttpRequest.newBuilder(world.uri("/startDeviceSharing/x")).GET().build());
        HttpResponse<String> get = world.send(HttpRequest.newBuilder(world.uri("/startDeviceSharing")).GET().build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"Not found\"}");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void serves_the_openapi_document_and_our_public_keys() throws Exception {
        HttpResponse<String> openApi = world.send(HttpRequest.newBuilder(world.uri("/openapi.yaml")).GET().build());
        HttpResponse<String> jwks = world.send(HttpRequest.newBuilder(world.uri("/.well-known/jwks.json")).GET().build());

        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).isEqualTo(OpenApiDocument.yaml());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("content-type")).hasValue("application/jwk-set+json");
        assertThat(jwks.body()).contains("\"kid\":\"pcs-key-1\"").doesNotContain("\"d\"");
    }

    @Test
    void serves_http1_clients_too() throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        HttpClient http1 = dev.onvifcloud.cloud.http.TlsClients.httpClient(world.pki.localCaCertificate(),
                HttpClient.Version.HTTP_1_1);

        HttpResponse<String> response = http1.send(HttpRequest.newBuilder(world.uri("/startDeviceSharing"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(world.body(world.configuration(token)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void the_builder_names_every_missing_collaborator() {
        assertThatThrownBy(() -> ProvisioningService.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("storage").hasMessageContaining("publicKeys").hasMessageContaining("issuer");
    }

    // ---------------------------------------------------------------- assertions

    /**
     * Asserts the service refuses {@code body} for {@code expected} (directly, then over HTTPS with the exact
     * spec body) and that none of {@code tokens} was used, no operation created and no audit entry added.
     */
    private static SharingRejection assertRefused(String body, SharingRefusal expected, ShareToken... tokens)
            throws Exception {
        int audit = world.auditEntries();
        Outcome<SharingAcceptance, SharingRejection> direct =
                world.service.startDeviceSharing(body.getBytes(StandardCharsets.UTF_8), "test");
        assertThat(direct.refusal()).as("refusal of the service").isPresent();
        SharingRejection rejection = direct.refusal().get();
        assertThat(rejection.reason()).isEqualTo(expected);

        HttpResponse<String> response = world.post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        String error = expected.error().error() == DeviceSharingError.Code.INVALID_JWT
                ? INVALID_JWT : INVALID_CONFIGURATION;
        assertThat(response.body()).isEqualTo(error);
        for (ShareToken token : tokens) {
            assertThat(response.body()).doesNotContain(token.serialized());
            assertNothingPersisted(token);
        }
        assertThat(world.auditEntries()).isEqualTo(audit);
        return rejection;
    }

    private static void assertNothingPersisted(ShareToken token) {
        assertThat(world.database.shareTokens().find(jti(token))).hasValueSatisfying(
                issued -> assertThat(issued.isUsed()).isFalse());
        assertThat(world.database.sharingOperations().findByShareToken(jti(token))).isEmpty();
    }

    private static void assertEndpointRefused(String endpoint) throws Exception {
        ShareToken token = world.issueToken(world.claimedDevice());
        assertRefused(world.body(world.configuration(token.serialized(), URI.create(endpoint))),
                SharingRefusal.ENDPOINT_REFUSED, token);
    }

    private static String jti(ShareToken token) {
        return token.claims().jwtId();
    }
}
