package dev.onvifcloud.security.assertion;

import static dev.onvifcloud.security.assertion.ClientAssertions.AS_ISSUER;
import static dev.onvifcloud.security.assertion.ClientAssertions.CLIENT_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.KEY_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.NOW;
import static dev.onvifcloud.security.assertion.ClientAssertions.TOKEN_ENDPOINT;
import static dev.onvifcloud.security.jose.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.onvifcloud.security.jose.CompactJws;
import dev.onvifcloud.security.jose.RawJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.jose.VerificationKey;
import dev.onvifcloud.testing.SettableClock;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAssertionVerifierTest {

    private static final KeyPair CAMERA_KEY = ClientAssertions.ecKeyPair("secp256r1");
    private static final KeyPair RSA_KEY = ClientAssertions.rsaKeyPair(2048);

    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryJtiReplayGuard replayGuard = new InMemoryJtiReplayGuard(1000, clock);
    private final ClientAssertionVerifier verifier = new ClientAssertionVerifier(
            ClientAssertionPolicy.defaults(Set.of(TOKEN_ENDPOINT, AS_ISSUER)), replayGuard, clock);
    private final ClientRegistration camera =
            new ClientRegistration(CLIENT_ID, CAMERA_KEY.getPublic(), Optional.of(KEY_ID));
    private final ClientAssertionIssuer issuer =
            new ClientAssertionIssuer(CLIENT_ID, KEY_ID, CAMERA_KEY.getPrivate(), clock);

    private TokenRejectedException rejectionOf(Map<String, Object> claims) {
        return rejection(() -> verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), claims, CAMERA_KEY), camera));
    }

    @Test
    void accepts_an_assertion_we_create_and_exposes_its_claims() throws Exception {
        ClientAssertion created = issuer.create(TOKEN_ENDPOINT);

        ClientAssertion verified = verifier.verify(created.serialized(), camera);

        assertThat(verified).isEqualTo(created);
        assertThat(verified.claims().clientId()).isEqualTo(CLIENT_ID);
        assertThat(verified.claims().audience()).containsExactly(TOKEN_ENDPOINT);
        assertThat(verified.claims().issuedAt()).contains(NOW);
        assertThat(verified.claims().expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void created_assertion_has_the_configured_key_id_as_kid_and_iss_sub_equal_to_the_client_id() throws Exception {
        String[] segments = RawJws.segments(issuer.create(AS_ISSUER).serialized());

        Map<String, Object> header = JSONObjectUtils.parse(RawJws.decode(segments[0]));
        Map<String, Object> payload = JSONObjectUtils.parse(RawJws.decode(segments[1]));

        assertThat(header).containsEntry("kid", KEY_ID).containsEntry("alg", "ES256").containsEntry("typ", "JWT");
        assertThat(payload).containsEntry("iss", CLIENT_ID).containsEntry("sub", CLIENT_ID)
                .containsEntry("aud", AS_ISSUER).containsKeys("jti", "iat", "exp");
    }

    @Test
    void accepts_rsa_2048_with_rs256() throws Exception {
        ClientAssertionIssuer rsaIssuer = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, RSA_KEY.getPrivate(), clock);
        ClientAssertion assertion = rsaIssuer.create(TOKEN_ENDPOINT);

        assertThat(JSONObjectUtils.parse(RawJws.decode(RawJws.segments(assertion.serialized())[0]))).containsEntry("alg", "RS256");
        assertThat(verifier.verify(assertion.serialized(), new ClientRegistration(CLIENT_ID, RSA_KEY.getPublic(), Optional.of(KEY_ID))))
                .isEqualTo(assertion);
    }

    @Test
    void accepts_rsa_2048_with_ps256() throws Exception {
        ClientAssertion assertion = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, RSA_KEY.getPrivate(), JWSAlgorithm.PS256, clock)
                .create(TOKEN_ENDPOINT);

        assertThat(verifier.verify(assertion.serialized(), new ClientRegistration(CLIENT_ID, RSA_KEY.getPublic(), Optional.empty())))
                .isNotNull();
    }

    @Test
    void accepts_a_registration_made_from_a_jwk() throws Exception {
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) CAMERA_KEY.getPublic()).keyID(KEY_ID).build();

        assertThat(verifier.verify(issuer.create(TOKEN_ENDPOINT).serialized(), ClientRegistration.fromJwk(CLIENT_ID, jwk)))
                .isNotNull();
    }

    @Test
    void accepts_any_kid_when_the_registration_names_no_key_id() throws Exception {
        ClientRegistration anyKid = new ClientRegistration(CLIENT_ID, CAMERA_KEY.getPublic(), Optional.empty());
        Map<String, Object> header = ClientAssertions.header("ES256");
        header.remove("kid");

        assertThat(verifier.verify(ClientAssertions.signEs256(header, ClientAssertions.claims("j-1"), CAMERA_KEY), anyKid))
                .isNotNull();
    }

    @Test
    void accepts_an_assertion_made_by_java_jwt() throws Exception {
        String assertion = JWT.create()
                .withKeyId(KEY_ID)
                .withIssuer(CLIENT_ID)
                .withSubject(CLIENT_ID)
                .withAudience(TOKEN_ENDPOINT)
                .withJWTId("java-jwt-jti-1")
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plusSeconds(30))
                .sign(Algorithm.ECDSA256((ECPublicKey) CAMERA_KEY.getPublic(),
                        (java.security.interfaces.ECPrivateKey) CAMERA_KEY.getPrivate()));

        assertThat(verifier.verify(assertion, camera).claims().jwtId()).isEqualTo("java-jwt-jti-1");
    }

    @Test
    void accepts_an_assertion_without_typ_as_rfc_7523_does_not_require_it() throws Exception {
        Map<String, Object> header = ClientAssertions.header("ES256");
        header.remove("typ");

        assertThat(verifier.verify(ClientAssertions.signEs256(header, ClientAssertions.claims("j-1"), CAMERA_KEY), camera))
                .isNotNull();
    }

    @Test
    void accepts_an_audience_array_that_contains_one_of_ours() throws Exception {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("aud", List.of("https://elsewhere.example", AS_ISSUER));

        assertThat(verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), claims, CAMERA_KEY), camera))
                .isNotNull();
    }

    // --- rejections ---

    @Test
    void rejects_a_wrong_audience() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("aud", "https://other-as.example.com/token");

        assertThat(rejectionOf(claims).reason()).isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void rejects_a_missing_audience() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.remove("aud");

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.MISSING_CLAIM);
        assertThat(rejected.claim()).contains("aud");
    }

    @Test
    void rejects_iss_different_from_sub() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("iss", "camera-OTHER");

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SUBJECT_MISMATCH);
        assertThat(rejected.claim()).contains("iss");
    }

    @Test
    void rejects_sub_different_from_the_client_id() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("iss", "camera-OTHER");
        claims.put("sub", "camera-OTHER");

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.SUBJECT_MISMATCH);
        assertThat(rejected.claim()).contains("sub");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "jti", "exp"})
    void rejects_a_missing_required_claim(String claim) {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.remove(claim);

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.MISSING_CLAIM);
        assertThat(rejected.claim()).contains(claim);
    }

    @Test
    void rejects_a_replayed_jti() throws Exception {
        String assertion = issuer.create(TOKEN_ENDPOINT).serialized();
        verifier.verify(assertion, camera);

        TokenRejectedException rejected = rejection(() -> verifier.verify(assertion, camera));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.REPLAYED);
    }

    @Test
    void rejects_a_replay_after_exp_but_within_the_clock_skew() throws Exception {
        String assertion = issuer.create(TOKEN_ENDPOINT).serialized();
        verifier.verify(assertion, camera);
        clock.advance(Duration.ofSeconds(60 + 59));

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.REPLAYED);
    }

    @Test
    void the_same_jti_from_two_clients_is_not_a_replay() throws Exception {
        KeyPair otherKey = ClientAssertions.ecKeyPair("secp256r1");
        ClientRegistration other = new ClientRegistration("camera-OTHER", otherKey.getPublic(), Optional.empty());
        Map<String, Object> otherClaims = ClientAssertions.claims("shared-jti");
        otherClaims.put("iss", "camera-OTHER");
        otherClaims.put("sub", "camera-OTHER");

        verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), ClientAssertions.claims("shared-jti"), CAMERA_KEY), camera);

        assertThat(verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), otherClaims, otherKey), other))
                .isNotNull();
    }

    @Test
    void a_rejected_assertion_does_not_use_up_its_jti() throws Exception {
        Map<String, Object> wrongAudience = ClientAssertions.claims("j-1");
        wrongAudience.put("aud", "https://other-as.example.com/token");
        assertThat(rejectionOf(wrongAudience).reason()).isEqualTo(RejectionReason.WRONG_AUDIENCE);

        assertThat(verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), ClientAssertions.claims("j-1"), CAMERA_KEY), camera))
                .isNotNull();
    }

    @Test
    void a_guard_that_cannot_decide_fails_the_verification() throws Exception {
        ClientAssertionVerifier full = new ClientAssertionVerifier(
                ClientAssertionPolicy.defaults(Set.of(TOKEN_ENDPOINT)), new InMemoryJtiReplayGuard(1, clock), clock);
        full.verify(issuer.create(TOKEN_ENDPOINT).serialized(), camera);

        assertThatIllegalStateException().isThrownBy(() -> full.verify(issuer.create(TOKEN_ENDPOINT).serialized(), camera));
    }

    @Test
    void rejects_an_expired_assertion() {
        String assertion = issuer.create(TOKEN_ENDPOINT).serialized();
        clock.advance(Duration.ofSeconds(60).plus(ClientAssertionPolicy.DEFAULT_CLOCK_SKEW));

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void rejects_a_lifetime_longer_than_five_minutes() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("exp", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).getEpochSecond());

        assertThat(rejectionOf(claims).reason()).isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
    }

    @Test
    void accepts_a_lifetime_of_exactly_five_minutes() throws Exception {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("exp", NOW.plus(Duration.ofMinutes(5)).getEpochSecond());

        assertThat(verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), claims, CAMERA_KEY), camera)).isNotNull();
    }

    @Test
    void bounds_the_lifetime_of_an_assertion_without_iat_from_now() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.remove("iat");
        claims.put("exp", NOW.plus(Duration.ofMinutes(5)).plus(ClientAssertionPolicy.DEFAULT_CLOCK_SKEW).plusSeconds(1).getEpochSecond());

        assertThat(rejectionOf(claims).reason()).isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
    }

    @Test
    void accepts_an_assertion_without_iat_within_the_lifetime() throws Exception {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.remove("iat");

        assertThat(verifier.verify(ClientAssertions.signEs256(ClientAssertions.header("ES256"), claims, CAMERA_KEY), camera)
                .claims().issuedAt()).isEmpty();
    }

    @Test
    void rejects_iat_in_the_future_beyond_the_clock_skew() {
        Map<String, Object> claims = ClientAssertions.claims("j-1");
        claims.put("iat", NOW.plusSeconds(61).getEpochSecond());
        claims.put("exp", NOW.plusSeconds(120).getEpochSecond());

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_YET_VALID);
        assertThat(rejected.claim()).contains("iat");
    }

    @Test
    void rejects_a_signature_by_another_key() {
        KeyPair wrongKey = ClientAssertions.ecKeyPair("secp256r1");
        String assertion = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, wrongKey.getPrivate(), clock)
                .create(TOKEN_ENDPOINT).serialized();

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_kid_other_than_the_registered_key_id() {
        String assertion = new ClientAssertionIssuer(CLIENT_ID, "KeyID-8", CAMERA_KEY.getPrivate(), clock)
                .create(TOKEN_ENDPOINT).serialized();

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void rejects_a_missing_kid_when_a_key_id_is_registered() {
        Map<String, Object> header = ClientAssertions.header("ES256");
        header.remove("kid");
        String assertion = ClientAssertions.signEs256(header, ClientAssertions.claims("j-1"), CAMERA_KEY);

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.MISSING_KEY_ID);
    }

    @Test
    void rejects_a_typ_other_than_jwt() {
        Map<String, Object> header = ClientAssertions.header("ES256");
        header.put("typ", "at+jwt");
        String assertion = ClientAssertions.signEs256(header, ClientAssertions.claims("j-1"), CAMERA_KEY);

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void rejects_an_algorithm_that_does_not_fit_the_registered_key() {
        String assertion = ClientAssertions.signEs256(ClientAssertions.header("ES256"), ClientAssertions.claims("j-1"), CAMERA_KEY);
        ClientRegistration rsaClient = new ClientRegistration(CLIENT_ID, RSA_KEY.getPublic(), Optional.of(KEY_ID));

        assertThat(rejection(() -> verifier.verify(assertion, rsaClient)).reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_hs256_signed_with_the_public_key_as_secret() {
        String assertion = JWT.create().withKeyId(KEY_ID).withPayload(ClientAssertions.claims("j-1"))
                .sign(Algorithm.HMAC256(CAMERA_KEY.getPublic().getEncoded()));

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_an_unsigned_assertion() {
        String assertion = JWT.create().withKeyId(KEY_ID).withPayload(ClientAssertions.claims("j-1")).sign(Algorithm.none());

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_an_oversized_assertion_before_parsing() {
        String assertion = "x".repeat(ClientAssertionPolicy.DEFAULT_MAX_ASSERTION_BYTES + 1);

        assertThat(rejection(() -> verifier.verify(assertion, camera)).reason()).isEqualTo(RejectionReason.TOO_LARGE);
    }

    @Test
    void rejects_an_rs256_assertion_when_the_policy_accepts_only_es256() {
        ClientAssertionVerifier es256Only = new ClientAssertionVerifier(
                ClientAssertionPolicy.defaults(Set.of(TOKEN_ENDPOINT)).withAcceptedAlgorithms(Set.of(JWSAlgorithm.ES256)),
                replayGuard, clock);
        String assertion = ClientAssertions.signRsa(ClientAssertions.header("RS256"), ClientAssertions.claims("j-1"), RSA_KEY, JWSAlgorithm.RS256);

        assertThat(rejection(() -> es256Only.verify(assertion, new ClientRegistration(CLIENT_ID, RSA_KEY.getPublic(), Optional.empty())))
                .reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    // --- an assertion already parsed ---

    @Test
    void accepts_an_already_parsed_assertion_and_uses_up_its_jti() throws Exception {
        ClientAssertion created = issuer.create(TOKEN_ENDPOINT);
        CompactJws parsed = CompactJws.parse(created.serialized(), ClientAssertionPolicy.DEFAULT_MAX_ASSERTION_BYTES,
                ClientAssertionPolicy.DEFAULT_ALGORITHMS);

        assertThat(verifier.verify(parsed, camera)).isEqualTo(created);
        assertThat(rejection(() -> verifier.verify(created.serialized(), camera)).reason())
                .isEqualTo(RejectionReason.REPLAYED);
    }

    /**
     * Each assertion refused by the string verify is refused for the same reason (and claim) once parsed, even when
     * parsed with wider limits than the verifier's policy (longer, every algorithm).
     */
    @Test
    void refuses_an_already_parsed_assertion_for_the_reason_it_refuses_its_serialization() throws Exception {
        ClientAssertionPolicy policy = new ClientAssertionPolicy(Set.of(TOKEN_ENDPOINT, AS_ISSUER),
                Set.of(JWSAlgorithm.ES256), ClientAssertionPolicy.DEFAULT_CLOCK_SKEW,
                ClientAssertionPolicy.DEFAULT_LIFETIME, 1024);
        Map<String, String> refused = new LinkedHashMap<>();
        Map<String, Object> header = ClientAssertions.header("ES256");
        header.put("typ", "at+jwt");
        refused.put("typ", es256(header, ClientAssertions.claims("j-typ")));
        header = ClientAssertions.header("ES256");
        header.remove("kid");
        refused.put("no kid", es256(header, ClientAssertions.claims("j-nokid")));
        refused.put("other kid", new ClientAssertionIssuer(CLIENT_ID, "KeyID-8", CAMERA_KEY.getPrivate(), clock)
                .create(TOKEN_ENDPOINT).serialized());
        refused.put("other key", new ClientAssertionIssuer(CLIENT_ID, KEY_ID,
                ClientAssertions.ecKeyPair("secp256r1").getPrivate(), clock).create(TOKEN_ENDPOINT).serialized());
        refused.put("rs256 not accepted", ClientAssertions.signRsa(ClientAssertions.header("RS256"),
                ClientAssertions.claims("j-rs"), RSA_KEY, JWSAlgorithm.RS256));
        refused.put("too large", es256(ClientAssertions.header("ES256"), with("j-big", "padding", "x".repeat(1024))));
        refused.put("sub", es256(ClientAssertions.header("ES256"), with("j-sub", "sub", "camera-OTHER")));
        refused.put("iss", es256(ClientAssertions.header("ES256"), with("j-iss", "iss", "camera-OTHER")));
        refused.put("aud", es256(ClientAssertions.header("ES256"), with("j-aud", "aud", "https://elsewhere.example")));
        refused.put("aud type", es256(ClientAssertions.header("ES256"), with("j-audt", "aud", 7)));
        refused.put("exp before iat", es256(ClientAssertions.header("ES256"),
                with("j-order", "exp", NOW.minusSeconds(1).getEpochSecond())));
        refused.put("lifetime", es256(ClientAssertions.header("ES256"),
                with("j-life", "exp", NOW.plus(Duration.ofMinutes(6)).getEpochSecond())));
        Map<String, Object> expired = with("j-exp", "exp", NOW.minus(Duration.ofMinutes(2)).getEpochSecond());
        expired.put("iat", NOW.minus(Duration.ofMinutes(3)).getEpochSecond());
        refused.put("expired", es256(ClientAssertions.header("ES256"), expired));
        Map<String, Object> future = with("j-nbf", "nbf", NOW.plus(Duration.ofMinutes(2)).getEpochSecond());
        refused.put("nbf", es256(ClientAssertions.header("ES256"), future));
        for (String claim : List.of("iss", "sub", "aud", "jti", "exp")) {
            Map<String, Object> claims = ClientAssertions.claims("j-missing-" + claim);
            claims.remove(claim);
            refused.put("missing " + claim, es256(ClientAssertions.header("ES256"), claims));
        }
        String used = es256(ClientAssertions.header("ES256"), ClientAssertions.claims("j-used"));
        refused.put("replayed", used);
        ClientAssertionVerifier fromString = new ClientAssertionVerifier(policy, new InMemoryJtiReplayGuard(100, clock), clock);
        ClientAssertionVerifier fromParsed = new ClientAssertionVerifier(policy, new InMemoryJtiReplayGuard(100, clock), clock);
        fromString.verify(used, camera);
        fromParsed.verify(used, camera);

        Set<RejectionReason> reasons = new java.util.HashSet<>();
        for (Map.Entry<String, String> input : refused.entrySet()) {
            TokenRejectedException byString = rejection(() -> fromString.verify(input.getValue(), camera));
            CompactJws parsed = CompactJws.parse(input.getValue(), ClientAssertionPolicy.MAX_ASSERTION_BYTES,
                    VerificationKey.SUPPORTED_ALGORITHMS);
            TokenRejectedException byParsed = rejection(() -> fromParsed.verify(parsed, camera));

            assertThat(byParsed.reason()).as(input.getKey()).isEqualTo(byString.reason());
            assertThat(byParsed.claim()).as(input.getKey()).isEqualTo(byString.claim());
            reasons.add(byString.reason());
        }
        assertThat(reasons).contains(RejectionReason.TOO_LARGE, RejectionReason.UNSUPPORTED_ALGORITHM,
                RejectionReason.UNSUPPORTED_TYPE, RejectionReason.MISSING_KEY_ID, RejectionReason.UNKNOWN_KEY,
                RejectionReason.BAD_SIGNATURE, RejectionReason.SUBJECT_MISMATCH, RejectionReason.WRONG_AUDIENCE,
                RejectionReason.MISSING_CLAIM, RejectionReason.INVALID_CLAIM, RejectionReason.LIFETIME_TOO_LONG,
                RejectionReason.EXPIRED, RejectionReason.NOT_YET_VALID, RejectionReason.REPLAYED);
    }

    @Test
    void refuses_an_already_parsed_assertion_whose_algorithm_does_not_fit_the_registered_key() throws Exception {
        CompactJws parsed = CompactJws.parse(
                es256(ClientAssertions.header("ES256"), ClientAssertions.claims("j-1")),
                ClientAssertionPolicy.DEFAULT_MAX_ASSERTION_BYTES, ClientAssertionPolicy.DEFAULT_ALGORITHMS);
        ClientRegistration rsaClient = new ClientRegistration(CLIENT_ID, RSA_KEY.getPublic(), Optional.of(KEY_ID));

        assertThat(rejection(() -> verifier.verify(parsed, rsaClient)).reason())
                .isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    private static String es256(Map<String, Object> header, Map<String, Object> claims) {
        return ClientAssertions.signEs256(header, claims, CAMERA_KEY);
    }

    private static Map<String, Object> with(String jti, String claim, Object value) {
        Map<String, Object> claims = ClientAssertions.claims(jti);
        claims.put(claim, value);
        return claims;
    }

    @Test
    void to_string_never_shows_the_serialized_assertion() {
        ClientAssertion assertion = issuer.create(TOKEN_ENDPOINT);

        assertThat(assertion.toString()).doesNotContain(assertion.serialized());
    }
}
