package dev.onvifcloud.security.csr;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void generates_key_pairs_whose_requests_are_accepted_with_the_announced_key_type(KeyAlgorithm algorithm)
            throws Exception {
        KeyPair keyPair = algorithm.generate();

        CertificationRequest request = CertificationRequest.parse(
                CertificationRequest.create(keyPair, "CN=" + algorithm).toBase64Der());

        assertThat(request.keyType()).isEqualTo(algorithm.keyType());
        assertThat(request.publicKey()).isEqualTo(keyPair.getPublic());
    }

    @org.junit.jupiter.api.Test
    void default_is_ec_p256() {
        assertThat(KeyAlgorithm.DEFAULT).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(KeyAlgorithm.EC_P256.keyType()).hasToString("EC P-256");
        assertThat(KeyAlgorithm.RSA_4096.keyType()).hasToString("RSA 4096");
    }
}
