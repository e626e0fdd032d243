package dev.onvifcloud.security.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A registration is a value of its client id, key and key id, whatever way it was made. */
class ClientRegistrationTest {

    private static final KeyPair KEY = ClientAssertions.ecKeyPair("secp256r1");

    @Test
    void equals_a_registration_of_the_same_client_key_and_key_id() {
        ClientRegistration fromJwk = ClientRegistration.fromJwk("camera-1",
                new ECKey.Builder(Curve.P_256, (ECPublicKey) KEY.getPublic()).keyID("KeyID-7").build());

        assertThat(fromJwk).isEqualTo(new ClientRegistration("camera-1", KEY.getPublic(), Optional.of("KeyID-7")))
                .hasSameHashCodeAs(new ClientRegistration("camera-1", KEY.getPublic(), Optional.of("KeyID-7")));
        assertThat(fromJwk.withKeyId(Optional.empty()))
                .isEqualTo(new ClientRegistration("camera-1", KEY.getPublic(), Optional.empty()))
                .isNotEqualTo(fromJwk);
        assertThat(fromJwk).isNotEqualTo(new ClientRegistration("camera-2", KEY.getPublic(), Optional.of("KeyID-7")))
                .isNotEqualTo(new ClientRegistration("camera-1", ClientAssertions.ecKeyPair("secp256r1").getPublic(),
                        Optional.of("KeyID-7")));
    }

    @Test
    void a_registration_without_key_id_verifies_with_the_same_key() throws Exception {
        ClientRegistration withoutKeyId = new ClientRegistration("camera-1", KEY.getPublic(), Optional.of("KeyID-7"))
                .withKeyId(Optional.empty());
        ClientAssertion assertion = new ClientAssertionIssuer("camera-1", "any-kid", KEY.getPrivate(),
                java.time.Clock.systemUTC()).create("https://as.example/token");

        assertThat(new ClientAssertionVerifier(ClientAssertionPolicy.defaults(java.util.Set.of("https://as.example/token")),
                new InMemoryJtiReplayGuard(10, java.time.Clock.systemUTC()), java.time.Clock.systemUTC())
                .verify(assertion.serialized(), withoutKeyId)).isEqualTo(assertion);
    }

    @Test
    void refuses_an_empty_client_id_and_a_key_too_weak_to_verify_with() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientRegistration("", KEY.getPublic(), Optional.empty()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientRegistration("camera-1",
                ClientAssertions.rsaKeyPair(1024).getPublic(), Optional.empty()));
    }
}
