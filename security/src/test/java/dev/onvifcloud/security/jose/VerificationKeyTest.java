package dev.onvifcloud.security.jose;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link VerificationKey#verify} on EC keys: JWS signed by the JDK verify; an altered or mis-sized one does not. */
class VerificationKeyTest {

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1, SHA256withECDSAinP1363Format", "ES384, secp384r1, SHA384withECDSAinP1363Format",
            "ES512, secp521r1, SHA512withECDSAinP1363Format"})
    void verifies_a_jws_the_jdk_signed_on_each_curve(String alg, String curve, String jdkAlgorithm) throws Exception {
        KeyPair keys = keyPair(curve);
        String compact = signedByJdk(keys, alg, jdkAlgorithm);
        VerificationKey key = VerificationKey.of(keys.getPublic());

        assertThat(key.algorithms()).containsExactly(JWSAlgorithm.parse(alg));
        key.verify(CompactJws.parse(compact, 4096, VerificationKey.SUPPORTED_ALGORITHMS));
    }

    @Test
    void refuses_a_signature_by_another_key_or_of_the_wrong_length() throws Exception {
        KeyPair keys = keyPair("secp256r1");
        VerificationKey key = VerificationKey.of(keys.getPublic());
        String otherKey = signedByJdk(keyPair("secp256r1"), "ES256", "SHA256withECDSAinP1363Format");
        String valid = signedByJdk(keys, "ES256", "SHA256withECDSAinP1363Format");
        String[] segments = RawJws.segments(valid);
        byte[] signature = Base64.getUrlDecoder().decode(segments[2]);
        String shortened = segments[0] + "." + segments[1] + "." + RawJws.encode(Arrays.copyOf(signature, 63));

        for (String compact : new String[] {otherKey, shortened}) {
            assertThat(rejection(() -> key.verify(CompactJws.parse(compact, 4096, VerificationKey.SUPPORTED_ALGORITHMS)))
                    .reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
        }
        key.verify(CompactJws.parse(valid, 4096, VerificationKey.SUPPORTED_ALGORITHMS));
    }

    @Test
    void refuses_an_algorithm_other_than_the_one_of_its_curve() throws Exception {
        KeyPair p384 = keyPair("secp384r1");
        String es256Header = signedByJdk(keyPair("secp256r1"), "ES256", "SHA256withECDSAinP1363Format");

        assertThat(rejection(() -> VerificationKey.of(p384.getPublic())
                .verify(CompactJws.parse(es256Header, 4096, VerificationKey.SUPPORTED_ALGORITHMS))).reason())
                .isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    private static String signedByJdk(KeyPair keys, String alg, String jdkAlgorithm) throws Exception {
        String signingInput = RawJws.encode("{\"alg\":\"" + alg + "\"}") + "." + RawJws.encode("{\"sub\":\"c\"}");
        Signature jdk = Signature.getInstance(jdkAlgorithm, "SunEC");
        jdk.initSign(keys.getPrivate());
        jdk.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + RawJws.encode(jdk.sign());
    }

    private static KeyPair keyPair(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
