package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** exp, nbf, iat and lifetime, with the default 60 s clock skew, at their boundaries. */
class ShareTokenTimeTest {

    private static final String KID = "pcs-key-1";
    private static final ECKey KEY = ShareTokens.newKey(KID);
    private static final Duration SKEW = ShareTokenPolicy.DEFAULT_CLOCK_SKEW;

    private final SettableClock clock = new SettableClock(NOW);
    private final ShareTokenVerifier verifier =
            new ShareTokenVerifier(PublicJwkSet.of(KEY), ShareTokenPolicy.defaults(), clock);

    private static String token(Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return ShareTokens.sign(ShareTokens.header(KID), claims, KEY);
    }

    private static String tokenWithNotBefore(Instant notBefore) {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("nbf", notBefore.getEpochSecond());
        return ShareTokens.sign(ShareTokens.header(KID), claims, KEY);
    }

    @Test
    void accepts_an_expired_token_within_the_clock_skew() throws Exception {
        Instant exp = NOW.plus(Duration.ofHours(1));
        clock.set(exp.plus(SKEW).minusMillis(1));

        assertThat(verifier.verify(token(NOW, exp))).isNotNull();
    }

    @Test
    void rejects_a_token_expired_by_the_clock_skew() {
        Instant exp = NOW.plus(Duration.ofHours(1));
        clock.set(exp.plus(SKEW));

        TokenRejectedException rejected = rejection(() -> verifier.verify(token(NOW, exp)));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.EXPIRED);
        assertThat(rejected.claim()).contains("exp");
    }

    @Test
    void rejects_an_expired_token_without_skew_at_exp() {
        Instant exp = NOW.plus(Duration.ofHours(1));
        ShareTokenVerifier noSkew = new ShareTokenVerifier(
                PublicJwkSet.of(KEY), ShareTokenPolicy.defaults().withMaxClockSkew(Duration.ZERO), clock);
        clock.set(exp);

        assertThat(rejection(() -> noSkew.verify(token(NOW, exp))).reason()).isEqualTo(RejectionReason.EXPIRED);
    }

    @Test
    void accepts_nbf_up_to_the_clock_skew_ahead() throws Exception {
        assertThat(verifier.verify(tokenWithNotBefore(NOW.plus(SKEW)))).isNotNull();
    }

    @Test
    void rejects_nbf_beyond_the_clock_skew() {
        TokenRejectedException rejected =
                rejection(() -> verifier.verify(tokenWithNotBefore(NOW.plus(SKEW).plusSeconds(1))));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_YET_VALID);
        assertThat(rejected.claim()).contains("nbf");
    }

    @Test
    void accepts_iat_up_to_the_clock_skew_ahead() throws Exception {
        Instant iat = NOW.plus(SKEW);

        assertThat(verifier.verify(token(iat, iat.plus(Duration.ofHours(1))))).isNotNull();
    }

    @Test
    void rejects_iat_beyond_the_clock_skew() {
        Instant iat = NOW.plus(SKEW).plusSeconds(1);

        TokenRejectedException rejected = rejection(() -> verifier.verify(token(iat, iat.plus(Duration.ofHours(1)))));

        assertThat(rejected.reason()).isEqualTo(RejectionReason.NOT_YET_VALID);
        assertThat(rejected.claim()).contains("iat");
    }

    @Test
    void accepts_the_maximum_lifetime() throws Exception {
        assertThat(verifier.verify(token(NOW, NOW.plus(ShareTokenPolicy.DEFAULT_LIFETIME)))).isNotNull();
    }

    @Test
    void rejects_a_lifetime_longer_than_the_maximum() {
        String token = token(NOW, NOW.plus(ShareTokenPolicy.DEFAULT_LIFETIME).plusSeconds(1));

        assertThat(rejection(() -> verifier.verify(token)).reason()).isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
    }

    @Test
    void a_shorter_policy_lifetime_is_enforced() {
        ShareTokenVerifier shortLived = new ShareTokenVerifier(
                PublicJwkSet.of(KEY), ShareTokenPolicy.defaults().withMaxLifetime(Duration.ofMinutes(10)), clock);

        assertThat(rejection(() -> shortLived.verify(token(NOW, NOW.plus(Duration.ofMinutes(11))))).reason())
                .isEqualTo(RejectionReason.LIFETIME_TOO_LONG);
    }

    @Test
    void issued_token_expires_after_its_lifetime() throws Exception {
        ShareTokenIssuer issuer = new ShareTokenIssuer(KEY, ShareTokens.ISSUER, clock);
        String token = issuer.issue(ShareTokens.XADDR, ShareTokens.SERIAL_NUMBER, ShareTokens.MODEL,
                ShareTokens.MANUFACTURER, Duration.ofMinutes(15)).serialized();

        clock.advance(Duration.ofMinutes(15).plus(SKEW).minusSeconds(1));
        assertThat(verifier.verify(token)).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(rejection(() -> verifier.verify(token)).reason()).isEqualTo(RejectionReason.EXPIRED);
    }
}
