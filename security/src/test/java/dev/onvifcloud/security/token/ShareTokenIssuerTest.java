package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.token.ShareTokens.ISSUER;
import static dev.onvifcloud.security.token.ShareTokens.MANUFACTURER;
import static dev.onvifcloud.security.token.ShareTokens.MODEL;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static dev.onvifcloud.security.token.ShareTokens.SERIAL_NUMBER;
import static dev.onvifcloud.security.token.ShareTokens.XADDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.testing.SettableClock;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShareTokenIssuerTest {

    private static final ECKey KEY = ShareTokens.newKey("pcs-key-1");

    private final SettableClock clock = new SettableClock(NOW);

    @Test
    void refuses_a_public_only_key() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenIssuer(KEY.toPublicJWK(), ISSUER, clock));
    }

    @Test
    void refuses_a_key_without_kid() throws Exception {
        ECKey noKid = new ECKeyGenerator(Curve.P_256).generate();

        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenIssuer(noKid, ISSUER, clock));
    }

    @Test
    void refuses_a_key_on_another_curve() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("k").generate();

        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenIssuer(p384, ISSUER, clock));
    }

    @Test
    void refuses_a_key_restricted_to_another_algorithm() throws Exception {
        ECKey es384Only = new ECKeyGenerator(Curve.P_256).keyID("k").algorithm(JWSAlgorithm.ES384).generate();

        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenIssuer(es384Only, ISSUER, clock));
    }

    @Test
    void refuses_an_empty_issuer() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenIssuer(KEY, "", clock));
    }

    @Test
    void refuses_an_xaddr_that_is_not_https() {
        ShareTokenIssuer issuer = new ShareTokenIssuer(KEY, ISSUER, clock);

        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(
                URI.create("http://pcs.example.com/onvif"), SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofHours(1)));
    }

    @Test
    void refuses_empty_device_information() {
        ShareTokenIssuer issuer = new ShareTokenIssuer(KEY, ISSUER, clock);

        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(XADDR, "", MODEL, MANUFACTURER, Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(XADDR, SERIAL_NUMBER, "", MANUFACTURER, Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.issue(XADDR, SERIAL_NUMBER, MODEL, "", Duration.ofHours(1)));
    }

    @Test
    void refuses_a_lifetime_under_one_second() {
        ShareTokenIssuer issuer = new ShareTokenIssuer(KEY, ISSUER, clock);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> issuer.issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofMillis(999)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> issuer.issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofHours(-1)));
    }

    @Test
    void issues_whole_seconds_from_a_clock_with_millis() {
        clock.set(NOW.plusMillis(999));

        ShareTokenClaims claims = new ShareTokenIssuer(KEY, ISSUER, clock)
                .issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofMinutes(10)).claims();

        assertThat(claims.issuedAt()).isEqualTo(NOW);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(new ShareTokenIssuer(KEY, ISSUER, clock).keyId()).isEqualTo("pcs-key-1");
    }
}
