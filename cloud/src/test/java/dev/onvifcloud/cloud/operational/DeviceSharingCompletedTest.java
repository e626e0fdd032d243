package dev.onvifcloud.cloud.operational;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.token.ShareToken;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /deviceSharingCompleted} over HTTPS: a valid CSR registers the camera's key; everything else gets the
 * same refusal, whatever was wrong.
 */
class DeviceSharingCompletedTest {

    /** The one refusal: the specification's only error body, {@code deviceSharingError}. */
    private static final String REFUSAL = "{\"error\":\"Invalid configuration\"}";

    @TempDir
    Path directory;

    private OcsWorld world;
    private HttpClient http;
    private ShareToken token;
    private OcsCamera camera;

    @BeforeEach
    void start() {
        world = new OcsWorld(directory);
        http = TlsClients.httpClient(OcsWorld.PKI.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        token = world.token("SN-1");
        camera = world.add(token).get(0);
        world.requester.requestDue();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private HttpResponse<String> completed(String shareToken, byte[] csr) throws Exception {
        String body = "{\"shareToken\":\"" + shareToken + "\",\"devicePublicKey\":\""
                + Base64.getEncoder().encodeToString(csr) + "\"}";
        return completed(body);
    }

    private HttpResponse<String> completed(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(world.api("/deviceSharingCompleted"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static CertificationRequest csr() {
        return CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=SN-1");
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.body()).isEqualTo(REFUSAL);
    }

    private static String thumbprint(String jwk) throws Exception {
        return com.nimbusds.jose.jwk.JWK.parse(jwk).computeThumbprint().toString();
    }

    private OAuthClient client() {
        return world.database.clients().find(camera.clientId()).orElseThrow();
    }

    @Test
    void registers_the_key_of_a_valid_request_for_the_cameras_client() throws Exception {
        CertificationRequest csr = csr();

        HttpResponse<String> response = completed(token.serialized(), csr.der());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.REGISTERED);
        assertThat(world.camera(camera.id()).registered()).contains(world.clock.instant());
        assertThat(client().state()).isEqualTo(OAuthClientState.REGISTERED);
        assertThat(thumbprint(client().publicJwk().orElseThrow())).isEqualTo(csr.thumbprint());
        assertThat(world.auditActions(camera.id().toString())).contains(OperationalService.AUDIT_REGISTERED);
    }

    @Test
    void gives_the_same_answer_to_the_same_request_again() throws Exception {
        CertificationRequest csr = csr();
        completed(token.serialized(), csr.der());

        HttpResponse<String> again = completed(token.serialized(), csr.der());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.REGISTERED);
    }

    @Test
    void registers_a_camera_whose_pcs_answer_was_lost_before_it_was_recorded() throws Exception {
        ShareToken pending = world.token("SN-2");
        OcsCamera stillPending = world.add(pending).get(0);

        HttpResponse<String> response = completed(pending.serialized(), csr().der());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(world.camera(stillPending.id()).state()).isEqualTo(OcsCameraState.REGISTERED);
        assertThat(world.camera(stillPending.id()).shareToken()).isEmpty();
    }

    @Test
    void refuses_an_unknown_share_token() throws Exception {
        assertRefused(completed(world.token("SN-1").serialized(), csr().der()));

        assertThat(client().state()).isEqualTo(OAuthClientState.PENDING);
    }

    @Test
    void refuses_another_key_for_a_share_token_already_completed() throws Exception {
        CertificationRequest first = csr();
        completed(token.serialized(), first.der());

        assertRefused(completed(token.serialized(), csr().der()));

        assertThat(thumbprint(client().publicJwk().orElseThrow())).isEqualTo(first.thumbprint());
    }

    @Test
    void refuses_a_request_whose_signature_does_not_verify() throws Exception {
        byte[] der = csr().der();
        der[der.length - 1] ^= 0x01;

        assertRefused(completed(token.serialized(), der));

        assertThat(client().state()).isEqualTo(OAuthClientState.PENDING);
        assertThat(world.camera(camera.id()).state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
    }

    @Test
    void refuses_a_weak_rsa_1024_key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair pair = generator.generateKeyPair();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new javax.security.auth.x500.X500Principal("CN=SN-1"),
                pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))
                .getEncoded();

        assertRefused(completed(token.serialized(), der));

        assertThat(client().state()).isEqualTo(OAuthClientState.PENDING);
    }

    @Test
    void refuses_a_key_family_that_is_not_accepted() throws Exception {
        world.close();
        world = new OcsWorld(directory.resolve("ec-only"), b -> b.acceptedKeyFamilies(
                java.util.Set.of(dev.onvifcloud.security.csr.KeyType.Family.EC)));
        token = world.token("SN-1");
        camera = world.add(token).get(0);

        assertRefused(completed(token.serialized(),
                CertificationRequest.create(KeyAlgorithm.RSA_2048.generate(), "CN=SN-1").der()));
    }

    @Test
    void refuses_a_removed_camera() throws Exception {
        world.service.remove(world.owner.id(), camera.id(), "test");

        assertRefused(completed(token.serialized(), csr().der()));

        assertThat(client().state()).isEqualTo(OAuthClientState.REVOKED);
    }

    @Test
    void refuses_a_failed_camera() throws Exception {
        ShareToken refused = world.token("SN-2");
        OcsCamera failed = world.add(refused).get(0);
        world.pcs.answers.add(400);
        world.requester.requestDue();
        assertThat(world.camera(failed.id()).state()).isEqualTo(OcsCameraState.FAILED);

        assertRefused(completed(refused.serialized(), csr().der()));
    }

    @Test
    void refuses_a_body_that_is_not_a_device_sharing_completed_message() throws Exception {
        assertRefused(completed("{\"shareToken\":\"" + token.serialized() + "\"}"));
        assertRefused(completed(token.serialized(), new byte[] {0x30, 0x00}));
        assertRefused(completed("[]"));
    }

    @Test
    void audits_every_refusal_with_its_reason() throws Exception {
        completed(UUID.randomUUID() + ".a.b", csr().der());
        byte[] der = csr().der();
        der[der.length - 1] ^= 0x01;
        completed(token.serialized(), der);

        assertThat(world.auditActions("deviceSharingCompleted")).isNotEmpty();
        assertThat(world.auditActions(camera.id().toString())).contains(OperationalService.AUDIT_COMPLETION_REFUSED);
    }
}
