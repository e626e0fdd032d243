package dev.onvifcloud.security.access;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RawJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Access tokens as issued verify; each alteration is rejected with its reason. */
class AccessTokenVerifierTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String ISSUER = "https://ocs.example:8443";
    static final String AUDIENCE = "wss://ocs.example:8443/uplink";
    static final ECKey KEY = newKey("as-key-1");
    static final ECKey OTHER_KEY = newKey("as-key-1");

    private final SettableClock clock = new SettableClock(NOW);
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(KEY, ISSUER, AUDIENCE, clock);
    private final AccessTokenVerifier verifier =
            new AccessTokenVerifier(issuer.publicJwkSet(), AccessTokenPolicy.defaults(ISSUER, AUDIENCE), clock);

    @Test
    void accepts_a_token_it_issued_with_the_claims_of_rfc_9068() throws Exception {
        AccessToken issued = issuer.issue("client-1", Optional.empty());

        AccessToken verified = verifier.verify(issued.serialized());

        assertThat(verified).isEqualTo(issued);
        assertThat(verified.claims().subject()).isEqualTo("client-1");
        assertThat(verified.claims().clientId()).isEqualTo("client-1");
        assertThat(verified.claims().audience()).containsExactly(AUDIENCE);
        assertThat(verified.claims().expiresAt()).isEqualTo(NOW.plus(AccessTokenIssuer.DEFAULT_LIFETIME));
        Map<String, Object> header = com.nimbusds.jose.util.JSONObjectUtils.parse(
                RawJws.decode(RawJws.segments(issued.serialized())[0]));
        assertThat(header).containsEntry("typ", "at+jwt").containsEntry("kid", "as-key-1").containsEntry("alg", "ES256");
        assertThat(issued.toString()).doesNotContain(issued.serialized());
    }

    @Test
    void issues_a_fresh_jti_each_time_and_keeps_a_scope() throws Exception {
        AccessToken first = issuer.issue("client-1", Optional.of("uplink"));
        AccessToken second = issuer.issue("client-1", Optional.empty());

        assertThat(first.claims().jwtId()).isNotEqualTo(second.claims().jwtId());
        assertThat(verifier.verify(first.serialized()).claims().scope()).contains("uplink");
    }

    @Test
    void rejects_a_token_for_another_audience() {
        AccessTokenIssuer elsewhere = new AccessTokenIssuer(KEY, ISSUER, "wss://other.example/uplink", clock);

        assertThat(reasonFor(elsewhere.issue("client-1", Optional.empty()).serialized()))
                .isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void rejects_a_token_of_another_issuer() {
        AccessTokenIssuer other = new AccessTokenIssuer(KEY, "https://evil.example", AUDIENCE, clock);

        assertThat(reasonFor(other.issue("client-1", Optional.empty()).serialized()))
                .isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    @Test
    void rejects_an_expired_token_after_the_skew() {
        String token = issuer.issue("client-1", Optional.empty()).serialized();

        clock.set(NOW.plus(AccessTokenIssuer.DEFAULT_LIFETIME).plus(AccessTokenPolicy.DEFAULT_CLOCK_SKEW).minusSeconds(1));
        assertThat(verifierAccepts(token)).isTrue();
        clock.set(NOW.plus(AccessTokenIssuer.DEFAULT_LIFETIME).plus(AccessTokenPolicy.DEFAULT_CLOCK_SKEW));
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void rejects_a_token_issued_in_the_future() {
        String token = issuer.issue("client-1", Optional.empty()).serialized();

        clock.set(NOW.minus(AccessTokenPolicy.DEFAULT_CLOCK_SKEW).minusSeconds(1));
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.NOT_YET_VALID);
    }

    @Test
    void rejects_a_token_signed_by_another_key_with_the_same_kid() {
        AccessTokenIssuer impostor = new AccessTokenIssuer(OTHER_KEY, ISSUER, AUDIENCE, clock);

        assertThat(reasonFor(impostor.issue("client-1", Optional.empty()).serialized()))
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_token_with_an_unknown_or_missing_kid() {
        Map<String, Object> header = header();
        header.put("kid", "someone-else");
        assertThat(reasonFor(sign(header, claims()))).isEqualTo(RejectionReason.UNKNOWN_KEY);

        header.remove("kid");
        assertThat(reasonFor(sign(header, claims()))).isEqualTo(RejectionReason.MISSING_KEY_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "HS256", "RS256"})
    void rejects_algorithms_outside_the_allow_list(String alg) {
        Map<String, Object> header = header();
        header.put("alg", alg);
        String token = RawJws.encode(RawJws.json(header)) + "." + RawJws.encode(RawJws.json(claims())) + "."
                + RawJws.segments(issuer.issue("client-1", Optional.empty()).serialized())[2];

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_an_hmac_token_keyed_with_the_public_key() throws Exception {
        Map<String, Object> header = header();
        header.put("alg", "HS256");
        byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String token = RawJws.sign(header, claims(), new MACSigner(secret), JWSAlgorithm.HS256);

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "at+JWT-x", "id+jwt", ""})
    void rejects_a_token_that_is_not_typed_as_an_access_token(String type) {
        Map<String, Object> header = header();
        header.put("typ", type);

        assertThat(reasonFor(sign(header, claims()))).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void rejects_a_token_without_typ_and_accepts_the_media_type_spelling() {
        Map<String, Object> header = header();
        header.remove("typ");
        assertThat(reasonFor(sign(header, claims()))).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);

        header.put("typ", "application/AT+JWT");
        assertThat(verifierAccepts(sign(header, claims()))).isTrue();
    }

    @Test
    void rejects_a_critical_header() {
        Map<String, Object> header = header();
        header.put("crit", List.of("exp"));

        assertThat(reasonFor(sign(header, claims()))).isEqualTo(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void rejects_a_tampered_payload() {
        String[] parts = RawJws.segments(issuer.issue("client-1", Optional.empty()).serialized());
        Map<String, Object> claims = claims();
        claims.put("sub", "client-2");
        claims.put("client_id", "client-2");
        String tampered = parts[0] + "." + RawJws.encode(RawJws.json(claims)) + "." + parts[2];

        assertThat(reasonFor(tampered)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_an_oversized_token_before_parsing() {
        String huge = "a".repeat(AccessTokenPolicy.DEFAULT_MAX_TOKEN_BYTES + 1);

        assertThat(reasonFor(huge)).isEqualTo(RejectionReason.TOO_LARGE);
    }

    @Test
    void rejects_garbage() {
        assertThat(reasonFor("not.a.token")).isEqualTo(RejectionReason.MALFORMED);
        assertThat(reasonFor("")).isEqualTo(RejectionReason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "sub", "aud", "iat", "exp", "jti", "client_id"})
    void rejects_a_token_missing_a_required_claim(String claim) throws Exception {
        Map<String, Object> claims = claims();
        claims.remove(claim);

        TokenRejectedException rejected = rejection(() -> verifier.verify(sign(header(), claims)));
        assertThat(rejected.reason()).isEqualTo(RejectionReason.MISSING_CLAIM);
        assertThat(rejected.claim()).contains(claim);
    }

    @Test
    void rejects_a_client_id_other_than_the_subject() {
        Map<String, Object> claims = claims();
        claims.put("client_id", "client-2");

        assertThat(reasonFor(sign(header(), claims))).isEqualTo(RejectionReason.INVALID_CLAIM);
    }

    @Test
    void rejects_a_lifetime_longer_than_the_policy_allows() {
        Map<String, Object> claims = claims();
        claims.put("exp", NOW.plus(Duration.ofHours(2)).getEpochSecond());

        assertThat(reasonFor(sign(header(), claims))).isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
    }

    @Test
    void refuses_unusable_issuer_settings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new AccessTokenIssuer(KEY.toPublicJWK(), ISSUER, AUDIENCE, clock))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new AccessTokenIssuer(KEY, ISSUER, AUDIENCE, Duration.ofHours(2), clock))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new AccessTokenIssuer(KEY, "", AUDIENCE, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private boolean verifierAccepts(String token) {
        try {
            verifier.verify(token);
            return true;
        } catch (TokenRejectedException e) {
            return false;
        }
    }

    private RejectionReason reasonFor(String token) {
        return rejection(() -> verifier.verify(token)).reason();
    }

    private static Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "at+jwt");
        header.put("kid", "as-key-1");
        return header;
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "client-1");
        claims.put("aud", AUDIENCE);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plusSeconds(300).getEpochSecond());
        claims.put("jti", "jti-1");
        claims.put("client_id", "client-1");
        return claims;
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims) {
        try {
            return RawJws.sign(header, claims, new ECDSASigner(KEY), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
