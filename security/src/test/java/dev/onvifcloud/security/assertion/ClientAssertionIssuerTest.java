package dev.onvifcloud.security.assertion;

import static dev.onvifcloud.security.assertion.ClientAssertions.CLIENT_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.KEY_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.NOW;
import static dev.onvifcloud.security.assertion.ClientAssertions.TOKEN_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import dev.onvifcloud.testing.SettableClock;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientAssertionIssuerTest {

    private static final KeyPair P256 = ClientAssertions.ecKeyPair("secp256r1");
    private static final KeyPair RSA = ClientAssertions.rsaKeyPair(2048);

    private final SettableClock clock = new SettableClock(NOW.plusMillis(400));

    @Test
    void picks_the_algorithm_from_the_key() {
        assertThat(ClientAssertionIssuer.defaultAlgorithm(P256.getPrivate())).isEqualTo(JWSAlgorithm.ES256);
        assertThat(ClientAssertionIssuer.defaultAlgorithm(ClientAssertions.ecKeyPair("secp384r1").getPrivate()))
                .isEqualTo(JWSAlgorithm.ES384);
        assertThat(ClientAssertionIssuer.defaultAlgorithm(RSA.getPrivate())).isEqualTo(JWSAlgorithm.RS256);
    }

    @Test
    void default_lifetime_is_sixty_seconds_from_now_in_whole_seconds() {
        ClientAssertion assertion = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), clock).create(TOKEN_ENDPOINT);

        assertThat(assertion.claims().issuedAt()).contains(NOW);
        assertThat(assertion.claims().expiresAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void jti_differs_per_assertion() {
        ClientAssertionIssuer issuer = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), clock);

        assertThat(issuer.create(TOKEN_ENDPOINT).claims().jwtId()).isNotEqualTo(issuer.create(TOKEN_ENDPOINT).claims().jwtId());
    }

    @Test
    void refuses_an_rsa_key_shorter_than_2048_bits() {
        KeyPair weak = ClientAssertions.rsaKeyPair(1024);

        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAssertionIssuer(CLIENT_ID, KEY_ID, weak.getPrivate(), clock));
    }

    @Test
    void refuses_an_algorithm_that_does_not_fit_the_key() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ClientAssertionIssuer(CLIENT_ID, KEY_ID, RSA.getPrivate(), JWSAlgorithm.ES256, clock));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), JWSAlgorithm.RS256, clock));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), JWSAlgorithm.ES384, clock));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), JWSAlgorithm.HS256, clock));
    }

    @Test
    void refuses_empty_client_id_or_key_id() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAssertionIssuer("", KEY_ID, P256.getPrivate(), clock));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientAssertionIssuer(CLIENT_ID, "", P256.getPrivate(), clock));
    }

    @Test
    void refuses_a_lifetime_under_one_second_and_an_empty_audience() {
        ClientAssertionIssuer issuer = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, P256.getPrivate(), clock);

        assertThatIllegalArgumentException().isThrownBy(() -> issuer.create(TOKEN_ENDPOINT, Duration.ofMillis(500)));
        assertThatIllegalArgumentException().isThrownBy(() -> issuer.create(""));
    }
}
