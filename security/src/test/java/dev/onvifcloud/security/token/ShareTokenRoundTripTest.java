package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.token.ShareTokens.ISSUER;
import static dev.onvifcloud.security.token.ShareTokens.MANUFACTURER;
import static dev.onvifcloud.security.token.ShareTokens.MODEL;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static dev.onvifcloud.security.token.ShareTokens.SERIAL_NUMBER;
import static dev.onvifcloud.security.token.ShareTokens.XADDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RawJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShareTokenRoundTripTest {

    private static final ECKey KEY = ShareTokens.newKey("pcs-key-1");

    private final SettableClock clock = new SettableClock(NOW.plusMillis(750));
    private final ShareTokenIssuer issuer = new ShareTokenIssuer(KEY, ISSUER, clock);
    private final ShareTokenVerifier verifier =
            new ShareTokenVerifier(issuer.publicJwkSet(), ShareTokenPolicy.defaults(), clock);

    private ShareToken issue() {
        return issuer.issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofHours(1));
    }

    @Test
    void issued_token_verifies_and_exposes_its_claims() throws Exception {
        ShareToken issued = issue();

        ShareToken verified = verifier.verify(issued.serialized());

        assertThat(verified).isEqualTo(issued);
        ShareTokenClaims claims = verified.claims();
        assertThat(claims.issuer()).isEqualTo(ISSUER);
        assertThat(claims.issuedAt()).isEqualTo(NOW);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(claims.xaddr()).isEqualTo(XADDR);
        assertThat(claims.serialNumber()).isEqualTo(SERIAL_NUMBER);
        assertThat(claims.model()).isEqualTo(MODEL);
        assertThat(claims.manufacturer()).isEqualTo(MANUFACTURER);
    }

    @Test
    void issued_token_has_es256_header_with_kid_and_typ_jwt() throws Exception {
        String[] segments = RawJws.segments(issue().serialized());

        Map<String, Object> header = JSONObjectUtils.parse(RawJws.decode(segments[0]));

        assertThat(header).containsOnly(
                Map.entry("alg", "ES256"), Map.entry("typ", "JWT"), Map.entry("kid", "pcs-key-1"));
    }

    @Test
    void issued_token_carries_the_onvif_claims_on_the_wire() throws Exception {
        Map<String, Object> payload = JSONObjectUtils.parse(RawJws.decode(RawJws.segments(issue().serialized())[1]));

        assertThat(payload).containsOnlyKeys(
                "iss", "iat", "exp", "jti", "onvif:xaddr", "onvif:sn", "onvif:model", "onvif:manufacturer");
        assertThat(payload.get("onvif:xaddr")).isEqualTo(XADDR.toString());
        assertThat(payload.get("iat")).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void jti_is_random_with_at_least_128_bits() {
        String first = issue().claims().jwtId();
        String second = issue().claims().jwtId();

        assertThat(first).isNotEqualTo(second);
        assertThat(Base64.getUrlDecoder().decode(first)).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    void published_jwk_set_holds_only_the_public_key() throws Exception {
        String json = issuer.publicJwkSet().toJson();

        Map<String, Object> document = JSONObjectUtils.parse(json);
        List<Object> keys = JSONObjectUtils.getJSONArray(document, "keys");
        assertThat(keys).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) keys.get(0);
        assertThat(key).containsKeys("kty", "crv", "x", "y", "kid").doesNotContainKey("d");
        assertThat(key.get("kid")).isEqualTo("pcs-key-1");
        assertThat(json).doesNotContain(KEY.getD().toString());
    }

    @Test
    void verifier_built_from_the_published_json_accepts_the_token() throws Exception {
        ShareTokenVerifier fromJson = new ShareTokenVerifier(
                PublicJwkSet.parse(issuer.publicJwkSet().toJson()), ShareTokenPolicy.defaults(), clock);

        assertThat(fromJson.verify(issue().serialized()).claims().serialNumber()).isEqualTo(SERIAL_NUMBER);
    }

    @Test
    void verifier_with_several_keys_accepts_tokens_of_each_key_by_kid() throws Exception {
        ECKey next = ShareTokens.newKey("pcs-key-2");
        ShareTokenIssuer nextIssuer = new ShareTokenIssuer(next, ISSUER, clock);
        ShareTokenVerifier both = new ShareTokenVerifier(PublicJwkSet.of(KEY, next), ShareTokenPolicy.defaults(), clock);

        assertThat(both.verify(issue().serialized())).isNotNull();
        assertThat(both.verify(nextIssuer.issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofMinutes(5))
                .serialized())).isNotNull();
    }

    @Test
    void to_string_never_shows_the_serialized_token() {
        ShareToken token = issue();

        assertThat(token.toString()).doesNotContain(token.serialized()).contains(token.claims().jwtId());
    }

    @Test
    void rejection_message_never_contains_the_token() {
        String token = issue().serialized();
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.EXPIRED))
                .message().doesNotContain(token).doesNotContain(RawJws.segments(token)[1]);
    }

    @Test
    void decode_untrusted_reads_the_claims_without_keys() throws Exception {
        ShareToken issued = issue();

        ShareToken decoded = ShareToken.decodeUntrusted(issued.serialized());

        assertThat(decoded.claims()).isEqualTo(issued.claims());
    }

    @Test
    void decode_untrusted_reads_expired_and_foreign_tokens_as_they_are_not_verified() throws Exception {
        ECKey foreign = ShareTokens.newKey("somebody-else");
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("exp", NOW.minus(Duration.ofDays(3)).getEpochSecond());
        claims.put("iat", NOW.minus(Duration.ofDays(4)).getEpochSecond());

        ShareToken decoded = ShareToken.decodeUntrusted(ShareTokens.sign(ShareTokens.header("somebody-else"), claims, foreign));

        assertThat(decoded.claims().serialNumber()).isEqualTo(SERIAL_NUMBER);
    }

    @Test
    void decode_untrusted_is_still_bounded_in_size() {
        String huge = "a".repeat(ShareTokenPolicy.DEFAULT_MAX_TOKEN_BYTES + 1);

        assertThatThrownBy(() -> ShareToken.decodeUntrusted(huge))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.TOO_LARGE));
    }

    @Test
    void decode_untrusted_still_checks_claim_types() {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("onvif:sn", 42L);
        String token = ShareTokens.sign(ShareTokens.header("pcs-key-1"), claims, KEY);

        assertThatThrownBy(() -> ShareToken.decodeUntrusted(token))
                .isInstanceOfSatisfying(TokenRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_CLAIM);
                    assertThat(e.claim()).contains("onvif:sn");
                });
    }

    @Test
    void decode_untrusted_refuses_unsigned_tokens() {
        String token = RawJws.encode("{\"alg\":\"none\"}") + "." + RawJws.encode(RawJws.json(ShareTokens.claims())) + ".";

        assertThatThrownBy(() -> ShareToken.decodeUntrusted(token))
                .isInstanceOfSatisfying(TokenRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM));
    }
}
