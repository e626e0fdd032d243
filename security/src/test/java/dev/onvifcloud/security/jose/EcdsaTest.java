package dev.onvifcloud.security.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Ecdsa}'s signers and verifiers: standard JWS ECDSA ({@code R || S}) in both directions with the JDK's SunEC
 * and with Nimbus on the JDK, RFC 6979's deterministic signatures byte for byte, and every malformed signature or
 * key refused.
 */
class EcdsaTest {

    private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjYW1lcmEtMSJ9".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    /** A JWS algorithm with its curve and the JDK's names for them. */
    enum Case {
        ES256(JWSAlgorithm.ES256, Curve.P_256, "secp256r1", "SHA256withECDSA", 64),
        ES384(JWSAlgorithm.ES384, Curve.P_384, "secp384r1", "SHA384withECDSA", 96),
        ES512(JWSAlgorithm.ES512, Curve.P_521, "secp521r1", "SHA512withECDSA", 132);

        final JWSAlgorithm algorithm;
        final Curve curve;
        final String jdkCurve;
        final String jdkSignature;
        final int signatureBytes;

        Case(JWSAlgorithm algorithm, Curve curve, String jdkCurve, String jdkSignature, int signatureBytes) {
            this.algorithm = algorithm;
            this.curve = curve;
            this.jdkCurve = jdkCurve;
            this.jdkSignature = jdkSignature;
            this.signatureBytes = signatureBytes;
        }

        KeyPair keyPair() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
                generator.initialize(new ECGenParameterSpec(jdkCurve));
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        JWSHeader header() {
            return new JWSHeader(algorithm);
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void a_signature_is_r_and_s_that_the_jdk_and_nimbus_verify(Case c) throws Exception {
        KeyPair keys = c.keyPair();

        Base64URL signature = Ecdsa.signer(keys.getPrivate(), c.curve).sign(c.header(), INPUT);

        assertThat(signature.decode()).hasSize(c.signatureBytes);
        Signature jdk = Signature.getInstance(c.jdkSignature + "inP1363Format", "SunEC");
        jdk.initVerify(keys.getPublic());
        jdk.update(INPUT);
        assertThat(jdk.verify(signature.decode())).isTrue();
        assertThat(new ECDSAVerifier((ECPublicKey) keys.getPublic()).verify(c.header(), INPUT, signature)).isTrue();
    }

    @Test
    void a_signer_made_from_a_jwk_signs_es256_that_nimbus_verifies() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("k-1").generate();

        Base64URL signature = Ecdsa.signer(key).sign(new JWSHeader(JWSAlgorithm.ES256), INPUT);

        assertThat(new ECDSAVerifier(key.toPublicJWK()).verify(new JWSHeader(JWSAlgorithm.ES256), INPUT, signature))
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void verifies_what_the_jdk_and_nimbus_sign(Case c) throws Exception {
        KeyPair keys = c.keyPair();
        JWSVerifier verifier = Ecdsa.verifier((ECPublicKey) keys.getPublic());
        Signature jdk = Signature.getInstance(c.jdkSignature + "inP1363Format", "SunEC");
        jdk.initSign(keys.getPrivate());
        jdk.update(INPUT);

        assertThat(verifier.verify(c.header(), INPUT, Base64URL.encode(jdk.sign()))).isTrue();
        assertThat(verifier.verify(c.header(), INPUT, new ECDSASigner((ECPrivateKey) keys.getPrivate(), c.curve)
                .sign(c.header(), INPUT))).isTrue();
    }

    /** RFC 6979 appendix A.2.5: P-256, SHA-256, messages "sample" and "test". */
    @Test
    void signs_es256_deterministically_as_rfc_6979_says() throws Exception {
        ECPrivateKey key = p256PrivateKey(new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16));
        JWSSigner signer = Ecdsa.signer(key, Curve.P_256);
        JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);

        assertThat(HEX.formatHex(signer.sign(header, "sample".getBytes(StandardCharsets.US_ASCII)).decode()))
                .isEqualToIgnoringCase("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                        + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
        assertThat(HEX.formatHex(signer.sign(header, "test".getBytes(StandardCharsets.US_ASCII)).decode()))
                .isEqualToIgnoringCase("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                        + "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
    }

    @Test
    void refuses_an_altered_input_or_signature() throws Exception {
        KeyPair keys = Case.ES256.keyPair();
        JWSVerifier verifier = Ecdsa.verifier((ECPublicKey) keys.getPublic());
        JWSHeader header = Case.ES256.header();
        byte[] signature = Ecdsa.signer(keys.getPrivate(), Curve.P_256).sign(header, INPUT).decode();
        byte[] alteredInput = INPUT.clone();
        alteredInput[alteredInput.length - 1] ^= 1;
        byte[] alteredSignature = signature.clone();
        alteredSignature[40] ^= 1;

        assertThat(verifier.verify(header, alteredInput, Base64URL.encode(signature))).isFalse();
        assertThat(verifier.verify(header, INPUT, Base64URL.encode(alteredSignature))).isFalse();
    }

    @Test
    void refuses_a_signature_of_the_wrong_length_such_as_der() throws Exception {
        KeyPair keys = Case.ES256.keyPair();
        JWSVerifier verifier = Ecdsa.verifier((ECPublicKey) keys.getPublic());
        Signature der = Signature.getInstance("SHA256withECDSA", "SunEC");
        der.initSign(keys.getPrivate());
        der.update(INPUT);
        byte[] p1363 = Ecdsa.signer(keys.getPrivate(), Curve.P_256).sign(Case.ES256.header(), INPUT).decode();

        assertThat(verifier.verify(Case.ES256.header(), INPUT, Base64URL.encode(der.sign()))).isFalse();
        assertThat(verifier.verify(Case.ES256.header(), INPUT, Base64URL.encode(Arrays.copyOf(p1363, 63)))).isFalse();
        assertThat(verifier.verify(Case.ES256.header(), INPUT, Base64URL.encode(Arrays.copyOf(p1363, 65)))).isFalse();
    }

    /** Zero, and the group order n itself, are outside [1, n - 1] for r and s (CVE-2022-21449 was accepting zeros). */
    @Test
    void refuses_r_or_s_outside_one_to_n_minus_one() throws Exception {
        KeyPair keys = Case.ES256.keyPair();
        JWSVerifier verifier = Ecdsa.verifier((ECPublicKey) keys.getPublic());
        byte[] valid = Ecdsa.signer(keys.getPrivate(), Curve.P_256).sign(Case.ES256.header(), INPUT).decode();
        byte[] order = unsigned(((ECPublicKey) keys.getPublic()).getParams().getOrder(), 32);

        for (byte[] signature : List.of(new byte[64], concat(new byte[32], Arrays.copyOfRange(valid, 32, 64)),
                concat(Arrays.copyOf(valid, 32), new byte[32]), concat(order, Arrays.copyOfRange(valid, 32, 64)),
                concat(Arrays.copyOf(valid, 32), order))) {
            assertThat(verifier.verify(Case.ES256.header(), INPUT, Base64URL.encode(signature))).isFalse();
        }
    }

    @Test
    void refuses_a_header_with_critical_parameters() throws Exception {
        KeyPair keys = Case.ES256.keyPair();
        JWSVerifier verifier = Ecdsa.verifier((ECPublicKey) keys.getPublic());
        JWSHeader critical = new JWSHeader.Builder(JWSAlgorithm.ES256).criticalParams(Set.of("exp"))
                .customParam("exp", 1).build();

        assertThat(verifier.verify(critical, INPUT,
                Ecdsa.signer(keys.getPrivate(), Curve.P_256).sign(Case.ES256.header(), INPUT))).isFalse();
    }

    @Test
    void refuses_an_algorithm_other_than_the_one_of_its_curve() throws Exception {
        KeyPair keys = Case.ES256.keyPair();

        assertThatThrownBy(() -> Ecdsa.verifier((ECPublicKey) keys.getPublic())
                .verify(new JWSHeader(JWSAlgorithm.ES384), INPUT, Base64URL.encode(new byte[96])))
                .isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> Ecdsa.signer(keys.getPrivate(), Curve.P_256).sign(new JWSHeader(JWSAlgorithm.ES512), INPUT))
                .isInstanceOf(JOSEException.class);
    }

    @Test
    void refuses_a_public_key_that_is_not_a_point_of_its_curve() {
        ECPublicKey genuine = (ECPublicKey) Case.ES256.keyPair().getPublic();
        ECPoint offCurve = new ECPoint(genuine.getW().getAffineX(), genuine.getW().getAffineY().add(BigInteger.ONE));

        assertThatThrownBy(() -> Ecdsa.verifier(publicKey(offCurve, genuine.getParams())))
                .isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> VerificationKey.of(publicKey(offCurve, genuine.getParams())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_a_private_key_on_another_curve_than_named() {
        KeyPair p384 = Case.ES384.keyPair();

        assertThatThrownBy(() -> Ecdsa.signer(p384.getPrivate(), Curve.P_256)).isInstanceOf(JOSEException.class);
    }

    @Test
    void refuses_a_jwk_without_its_private_part() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();

        assertThatThrownBy(() -> Ecdsa.signer(key.toPublicJWK())).isInstanceOf(JOSEException.class);
    }

    private static ECPrivateKey p256PrivateKey(BigInteger scalar) throws GeneralSecurityException {
        ECParameterSpec p256 = ((ECPublicKey) Case.ES256.keyPair().getPublic()).getParams();
        return (ECPrivateKey) KeyFactory.getInstance("EC", "SunEC").generatePrivate(new ECPrivateKeySpec(scalar, p256));
    }

    /** A public key as a keystore might hand one out, with nothing checked. */
    private static ECPublicKey publicKey(ECPoint point, ECParameterSpec parameters) {
        return new ECPublicKey() {
            @Override
            public ECPoint getW() {
                return point;
            }

            @Override
            public ECParameterSpec getParams() {
                return parameters;
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        };
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
