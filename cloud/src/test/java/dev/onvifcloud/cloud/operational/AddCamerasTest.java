package dev.onvifcloud.cloud.operational;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.security.token.ShareToken;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding cameras by share token: what is stored for an accepted token, and every reason to refuse one. */
class AddCamerasTest {

    @TempDir
    Path directory;

    private OcsWorld world;

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

    private Optional<AddRefusal> refusalOf(String token) {
        return world.service.addCameras(world.owner.id(), List.of(token), "test").get(0).refusal();
    }

    @Test
    void adds_a_pending_camera_with_the_token_claims_and_a_pending_client() {
        world(b -> b);
        ShareToken token = world.token("SN-1");

        List<AddedCamera> results = world.service.addCameras(world.owner.id(), List.of(token.serialized()), "test");

        OcsCamera camera = results.get(0).camera().orElseThrow();
        assertThat(camera.state()).isEqualTo(OcsCameraState.PENDING);
        assertThat(camera.accountId()).isEqualTo(world.owner.id());
        assertThat(camera.serialNumber()).isEqualTo("SN-1");
        assertThat(camera.model()).isEqualTo("CloudCam 1");
        assertThat(camera.manufacturer()).isEqualTo("Acme");
        assertThat(camera.xaddr()).isEqualTo(world.xaddr());
        assertThat(camera.issuer()).isEqualTo("https://pcs.test");
        assertThat(camera.tokenExpiresAt()).isEqualTo(token.claims().expiresAt());
        assertThat(camera.shareToken()).contains(token.serialized());
        assertThat(camera.shareTokenSha256()).isEqualTo(OperationalService.sha256Hex(token.serialized()));
        assertThat(camera.nextAttemptAt()).isEqualTo(world.clock.instant());
        assertThat(world.database.clients().find(camera.clientId()).orElseThrow().state())
                .isEqualTo(OAuthClientState.PENDING);
        assertThat(world.auditActions(camera.id().toString())).containsExactly(OperationalService.AUDIT_ADDED);
    }

    @Test
    void gives_each_camera_its_own_client_id() {
        world(b -> b);

        List<OcsCamera> cameras = world.add(world.token("SN-1"), world.token("SN-2"));

        assertThat(cameras.get(0).clientId()).isNotEqualTo(cameras.get(1).clientId());
    }

    @Test
    void refuses_a_share_token_added_twice_and_keeps_the_first() {
        world(b -> b);
        ShareToken token = world.token("SN-1");
        world.add(token);

        assertThat(refusalOf(token.serialized())).contains(AddRefusal.DUPLICATE);
        assertThat(world.service.cameras(world.owner.id())).hasSize(1);
    }

    @Test
    void refuses_a_token_repeated_within_one_request_but_keeps_its_siblings() {
        world(b -> b);
        ShareToken token = world.token("SN-1");

        List<AddedCamera> results = world.service.addCameras(world.owner.id(),
                List.of(token.serialized(), "garbage", token.serialized(), world.token("SN-2").serialized()), "test");

        assertThat(results).extracting(AddedCamera::refusal).containsExactly(Optional.empty(),
                Optional.of(AddRefusal.MALFORMED_TOKEN), Optional.of(AddRefusal.DUPLICATE), Optional.empty());
        assertThat(world.service.cameras(world.owner.id())).extracting(OcsCamera::serialNumber)
                .containsExactlyInAnyOrder("SN-1", "SN-2");
    }

    @Test
    void refuses_garbage() {
        world(b -> b);

        assertThat(refusalOf("not a token")).contains(AddRefusal.MALFORMED_TOKEN);
        assertThat(refusalOf("eyJhbGciOiJub25lIn0.e30.")).contains(AddRefusal.MALFORMED_TOKEN);
        assertThat(world.service.cameras(world.owner.id())).isEmpty();
    }

    @Test
    void refuses_an_xaddr_that_is_not_https() throws Exception {
        world(b -> b);

        String token = signed(OcsWorld.key("k"), "https://pcs.test", "http://pcs.test:" + world.pcs.port(),
                world.clock.instant().plus(Duration.ofHours(1)));

        assertThat(refusalOf(token)).contains(AddRefusal.XADDR_NOT_HTTPS);
    }

    @Test
    void refuses_an_xaddr_the_address_policy_forbids() {
        world(b -> b.addressPolicy(OcsWorld.strict()));

        assertThat(refusalOf(world.token("SN-1").serialized())).contains(AddRefusal.XADDR_REFUSED);
    }

    @Test
    void refuses_an_expired_token() {
        world(b -> b);
        ShareToken token = world.token("SN-1");
        world.clock.advance(Duration.ofHours(2));

        assertThat(refusalOf(token.serialized())).contains(AddRefusal.EXPIRED);
    }

    @Test
    void accepts_only_trusted_issuers_with_their_signature_when_some_are_configured() throws Exception {
        OcsWorld w = world(b -> b);
        OperationalService trusting = new OperationalService(w.database, OperationalSettings.builder()
                .uplinkAddress(w.settings.uplinkAddress()).authorizationServer(w.settings.authorizationServer())
                .endpointBaseUrls(w.settings.endpointBaseUrls()).tlsCaCertificate(w.settings.tlsCaCertificate())
                .addressPolicy(OcsWorld.loopbackAllowed()).clock(w.clock)
                .trustedIssuers(Map.of("https://pcs.test", w.issuer.publicJwkSet())).build());
        String forged = signed(OcsWorld.key(w.issuer.keyId()), "https://pcs.test", w.xaddr().toString(),
                w.clock.instant().plus(Duration.ofHours(1)));

        List<AddedCamera> results = trusting.addCameras(w.owner.id(), List.of(w.token("SN-1").serialized(),
                w.token2("SN-2").serialized(), forged), "test");

        assertThat(results).extracting(AddedCamera::refusal).containsExactly(Optional.empty(),
                Optional.of(AddRefusal.UNTRUSTED_ISSUER), Optional.of(AddRefusal.SIGNATURE_NOT_VERIFIED));
    }

    @Test
    void audits_each_refusal() {
        world(b -> b);

        refusalOf("garbage");

        assertThat(world.auditActions("account:" + world.owner.id())).containsExactly(OperationalService.AUDIT_REFUSED);
    }

    /** A share token signed with {@code key}, with any xaddr (our issuer refuses to mint a bad one). */
    static String signed(ECKey key, String issuer, String xaddr, Instant expires) throws Exception {
        Instant issued = expires.minus(Duration.ofHours(1));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder().issuer(issuer).jwtID("jti-" + xaddr.length())
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires))
                .claim("onvif:xaddr", xaddr).claim("onvif:sn", "SN-X").claim("onvif:model", "CloudCam 1")
                .claim("onvif:manufacturer", "Acme").build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
