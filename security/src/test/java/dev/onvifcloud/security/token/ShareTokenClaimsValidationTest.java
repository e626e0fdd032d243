package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.testing.SettableClock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Presence, types and values of share-token claims, in correctly signed tokens. */
class ShareTokenClaimsValidationTest {

    private static final String KID = "pcs-key-1";
    private static final ECKey KEY = ShareTokens.newKey(KID);

    private final SettableClock clock = new SettableClock(NOW);
    private final ShareTokenVerifier verifier =
            new ShareTokenVerifier(PublicJwkSet.of(KEY), ShareTokenPolicy.defaults(), clock);

    private TokenRejectedException rejectionOf(Map<String, Object> claims) {
        return rejection(() -> verifier.verify(ShareTokens.sign(ShareTokens.header(KID), claims, KEY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "iat", "exp", "jti", "onvif:xaddr", "onvif:sn", "onvif:model", "onvif:manufacturer"})
    void rejects_a_token_without_a_required_claim_naming_it(String claim) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.remove(claim);

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.MISSING_CLAIM);
        assertThat(rejected.claim()).contains(claim);
    }

    static Stream<Arguments> wrongly_typed_claims() {
        return Stream.of(
                Arguments.of("onvif:sn", 42L),
                Arguments.of("onvif:sn", ""),
                Arguments.of("onvif:sn", List.of("ACME-0042-7731")),
                Arguments.of("onvif:model", true),
                Arguments.of("onvif:manufacturer", Map.of("name", "ACME")),
                Arguments.of("onvif:xaddr", 443L),
                Arguments.of("iss", 1L),
                Arguments.of("jti", ""),
                Arguments.of("jti", 12345L),
                Arguments.of("iat", "2026-11-25T12:00:00Z"),
                Arguments.of("exp", String.valueOf(NOW.getEpochSecond() + 3600)),
                Arguments.of("exp", true),
                Arguments.of("exp", -1L),
                Arguments.of("exp", 1.0e300),
                Arguments.of("nbf", "soon"));
    }

    @ParameterizedTest
    @MethodSource("wrongly_typed_claims")
    void rejects_a_claim_of_the_wrong_type_naming_it(String claim, Object value) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put(claim, value);

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(rejected.claim()).contains(claim);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "onvif:sn", "iss"})
    void rejects_a_null_claim_as_invalid(String claim) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put(claim, null);

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(rejected.claim()).contains(claim);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/onvif/cloud",                         // relative
        "pcs.example.com/onvif",                // no scheme
        "http://pcs.example.com/onvif",         // not HTTPS (section 4.2.2)
        "ftp://pcs.example.com/onvif",
        "https:///onvif",                       // no host
        "https://user:secret@pcs.example.com/", // credentials in the URI
        "https://pcs.example.com/onvif#frag",
        "https://pcs.example.com/a b",          // not a URI
        "urn:onvif:pcs"
    })
    void rejects_an_xaddr_that_is_not_an_absolute_https_uri(String xaddr) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("onvif:xaddr", xaddr);

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(rejected.claim()).contains("onvif:xaddr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://pcs.example.com", "HTTPS://pcs.example.com:8443/onvif/cloud", "https://[::1]:8443/x"})
    void accepts_absolute_https_xaddrs(String xaddr) throws Exception {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("onvif:xaddr", xaddr);

        assertThat(verifier.verify(ShareTokens.sign(ShareTokens.header(KID), claims, KEY)).claims().xaddr())
                .hasToString(xaddr);
    }

    @Test
    void rejects_exp_not_after_iat() {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("exp", claims.get("iat"));

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.INVALID_CLAIM);
        assertThat(rejected.claim()).contains("exp");
    }

    @Test
    void accepts_fractional_numeric_dates_dropping_the_fraction() throws Exception {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("iat", NOW.getEpochSecond() + 0.75);

        assertThat(verifier.verify(ShareTokens.sign(ShareTokens.header(KID), claims, KEY)).claims().issuedAt())
                .isEqualTo(NOW);
    }

    @Test
    void rejects_a_token_with_an_audience_as_share_tokens_name_none() {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("aud", "https://ocs.example.com");

        TokenRejectedException rejected = rejectionOf(claims);

        assertThat(rejected.reason()).isEqualTo(RejectionReason.WRONG_AUDIENCE);
    }

    @Test
    void rejects_a_wrong_issuer_when_one_is_expected() {
        ShareTokenVerifier strict = new ShareTokenVerifier(
                PublicJwkSet.of(KEY), ShareTokenPolicy.defaults().withExpectedIssuer(ShareTokens.ISSUER), clock);
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("iss", "https://other-pcs.example.com");

        TokenRejectedException rejected =
                rejection(() -> strict.verify(ShareTokens.sign(ShareTokens.header(KID), claims, KEY)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.WRONG_ISSUER);
    }

    @Test
    void accepts_the_expected_issuer() throws Exception {
        ShareTokenVerifier strict = new ShareTokenVerifier(
                PublicJwkSet.of(KEY), ShareTokenPolicy.defaults().withExpectedIssuer(ShareTokens.ISSUER), clock);

        assertThat(strict.verify(ShareTokens.sign(ShareTokens.header(KID), ShareTokens.claims(), KEY))).isNotNull();
    }

    @Test
    void accepts_and_ignores_unknown_claims() throws Exception {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("onvif:mode", "transfer");
        claims.put("x-vendor", Arrays.asList(1L, 2L));

        assertThat(verifier.verify(ShareTokens.sign(ShareTokens.header(KID), claims, KEY))).isNotNull();
    }
}
