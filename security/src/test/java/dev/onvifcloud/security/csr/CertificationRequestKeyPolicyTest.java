package dev.onvifcloud.security.csr;

import static dev.onvifcloud.security.csr.CertificationRequestTest.EC_KEY;
import static dev.onvifcloud.security.csr.CertificationRequestTest.RSA_KEY;
import static dev.onvifcloud.security.csr.CertificationRequestTest.rejection;
import static dev.onvifcloud.security.csr.CraftedRequests.ECDSA_SHA256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.security.csr.CertificationRequestRejectedException.Reason;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

/** Which keys and signature algorithms a request may use: every refusal, and what is accepted at the edges. */
class CertificationRequestKeyPolicyTest {

    static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    static final AlgorithmIdentifier RSA_SHA256 =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);

    // ------------------------------------------------------------------------------------------ RSA

    @Test
    void rejects_rsa_under_2048_bits_as_weak() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);

        assertThat(rejection(CraftedRequests.signed(generator.generateKeyPair(), "SHA256withRSA")))
                .isEqualTo(Reason.WEAK_KEY);
        assertThat(rejection(rsaRequest(oddModulus(2047), RSAKeyGenParameterSpec.F4))).isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void accepts_rsa_keys_of_unusual_sizes_between_2048_and_8192_bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2056);

        CertificationRequest request = CertificationRequest.create(generator.generateKeyPair(), "CN=a");

        assertThat(request.keyType()).hasToString("RSA 2056");
    }

    @Test
    void rejects_rsa_over_8192_bits_as_unsupported() throws Exception {
        assertThat(rejection(rsaRequest(oddModulus(8193), RSAKeyGenParameterSpec.F4)))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
        // Just under the bound the key passes the policy and fails later, on the junk signature.
        assertThat(rejection(rsaRequest(oddModulus(8192), RSAKeyGenParameterSpec.F4)))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejects_rsa_public_exponent_3_as_weak() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F0));

        assertThat(rejection(CraftedRequests.signed(generator.generateKeyPair(), "SHA256withRSA")))
                .isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void rejects_even_or_huge_rsa_public_exponents_and_even_moduli_as_weak() throws Exception {
        assertThat(rejection(rsaRequest(oddModulus(2048), BigInteger.valueOf(65538)))).isEqualTo(Reason.WEAK_KEY);
        assertThat(rejection(rsaRequest(oddModulus(2048), BigInteger.ONE.shiftLeft(256).add(BigInteger.ONE))))
                .isEqualTo(Reason.WEAK_KEY);
        assertThat(rejection(rsaRequest(oddModulus(2048).subtract(BigInteger.ONE), RSAKeyGenParameterSpec.F4)))
                .isEqualTo(Reason.WEAK_KEY);
        // The largest exponent accepted passes the policy and fails later, on the junk signature.
        assertThat(rejection(rsaRequest(oddModulus(2048), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejects_negative_rsa_values_extra_values_and_rsa_key_parameters_as_malformed() throws Exception {
        SubjectPublicKeyInfo withParameters = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, new ASN1Integer(1)),
                new RSAPublicKey(oddModulus(2048), RSAKeyGenParameterSpec.F4));

        assertThat(rejection(rsaRequest(oddModulus(2048).negate(), RSAKeyGenParameterSpec.F4)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(rsaRequest(oddModulus(2048), RSAKeyGenParameterSpec.F4.negate())))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(CraftedRequests.unsigned(withParameters, RSA_SHA256))).isEqualTo(Reason.MALFORMED);
        SubjectPublicKeyInfo threeIntegers = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    new ASN1Integer(oddModulus(2048)), new ASN1Integer(RSAKeyGenParameterSpec.F4),
                    new ASN1Integer(1)}));
        assertThat(rejection(CraftedRequests.unsigned(threeIntegers, RSA_SHA256))).isEqualTo(Reason.MALFORMED);
    }

    // ------------------------------------------------------------------------------------------ EC

    @Test
    void rejects_ec_curves_under_256_bits_as_weak() throws Exception {
        for (ASN1ObjectIdentifier curve : new ASN1ObjectIdentifier[] {
                X9ObjectIdentifiers.prime192v1, SECObjectIdentifiers.secp224r1}) {
            assertThat(rejection(ecRequest(curve))).as(curve.getId()).isEqualTo(Reason.WEAK_KEY);
        }
    }

    @Test
    void rejects_other_ec_curves_as_unsupported() throws Exception {
        KeyPairGenerator secp256k1 = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
        secp256k1.initialize(new ECGenParameterSpec("secp256k1"));

        assertThat(rejection(CraftedRequests.signed(secp256k1.generateKeyPair(), "SHA256withECDSA", "CN=k1",
                BOUNCY_CASTLE))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(rejection(ecRequest(TeleTrusTObjectIdentifiers.brainpoolP256r1)))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(rejection(ecRequest(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"))))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void rejects_ec_keys_without_a_named_curve_as_unsupported() throws Exception {
        X9ECParameters p256 = ECNamedCurveTable.getByOID(X9ObjectIdentifiers.prime256v1);
        byte[] point = p256.getG().getEncoded(false);
        SubjectPublicKeyInfo explicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(p256)), point);
        SubjectPublicKeyInfo implicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, DERNull.INSTANCE), point);
        SubjectPublicKeyInfo integer = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new ASN1Integer(7)), point);

        assertThat(rejection(CraftedRequests.unsigned(explicit, ECDSA_SHA256))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(rejection(CraftedRequests.unsigned(implicit, ECDSA_SHA256))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(rejection(CraftedRequests.unsigned(integer, ECDSA_SHA256))).isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void rejects_ec_points_off_the_curve_or_at_infinity_as_malformed() throws Exception {
        byte[] point = SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded()).getPublicKeyData()
                .getOctets();
        point[point.length - 1] ^= 1;
        AlgorithmIdentifier p256 = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                X9ObjectIdentifiers.prime256v1);

        assertThat(rejection(CraftedRequests.unsigned(new SubjectPublicKeyInfo(p256, point), ECDSA_SHA256)))
                .isEqualTo(Reason.MALFORMED);
        assertThat(rejection(CraftedRequests.unsigned(new SubjectPublicKeyInfo(p256, new byte[] {0}), ECDSA_SHA256)))
                .isEqualTo(Reason.MALFORMED);
    }

    @Test
    void accepts_a_compressed_ec_point() throws Exception {
        X9ECParameters p256 = ECNamedCurveTable.getByOID(X9ObjectIdentifiers.prime256v1);
        SubjectPublicKeyInfo uncompressed = SubjectPublicKeyInfo.getInstance(EC_KEY.getPublic().getEncoded());
        byte[] compressed = p256.getCurve().decodePoint(uncompressed.getPublicKeyData().getOctets()).getEncoded(true);
        org.bouncycastle.asn1.ASN1Encodable info = CraftedRequests.info(0,
                new SubjectPublicKeyInfo(uncompressed.getAlgorithm(), compressed));
        byte[] der = CraftedRequests.assemble(info, ECDSA_SHA256,
                CraftedRequests.signature(info, EC_KEY.getPrivate(), "SHA256withECDSA"));

        CertificationRequest request = CertificationRequest.parse(der);

        assertThat(request.publicKey()).isEqualTo(EC_KEY.getPublic());
        assertThat(request.thumbprint()).isEqualTo(CertificationRequest.create(EC_KEY, "CN=a").thumbprint());
    }

    // ------------------------------------------------------------------------------------------ other keys

    @Test
    void rejects_dsa_keys_as_unsupported() throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);

        assertThat(rejection(CraftedRequests.signed(dsa.generateKeyPair(), "SHA256withDSA")))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void rejects_ed25519_and_rsassa_pss_keys_as_unsupported() throws Exception {
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SubjectPublicKeyInfo pss = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS),
                SubjectPublicKeyInfo.getInstance(RSA_KEY.getPublic().getEncoded()).getPublicKeyData().getBytes());

        assertThat(rejection(CraftedRequests.signed(ed25519, "Ed25519"))).isEqualTo(Reason.UNSUPPORTED_KEY);
        assertThat(rejection(CraftedRequests.unsigned(pss, RSA_SHA256))).isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    // ------------------------------------------------------------------------------------------ signatures

    @Test
    void rejects_sha1_and_md5_signatures_as_unsupported_signature_algorithms() throws Exception {
        assertThat(rejection(CraftedRequests.signed(RSA_KEY, "SHA1withRSA")))
                .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
        assertThat(rejection(CraftedRequests.signed(RSA_KEY, "MD5withRSA")))
                .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
        assertThat(rejection(CraftedRequests.signed(EC_KEY, "SHA1withECDSA")))
                .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }

    @Test
    void rejects_rsassa_pss_signatures_as_unsupported_signature_algorithms() throws Exception {
        assertThat(rejection(CraftedRequests.signed(RSA_KEY, "SHA256withRSAandMGF1", "CN=pss", BOUNCY_CASTLE)))
                .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }

    @Test
    void rejects_a_signature_algorithm_that_does_not_fit_the_key() throws Exception {
        byte[] rsaKeyEcdsaAlgorithm = CraftedRequests.withSignatureAlgorithm(
                CertificationRequest.create(RSA_KEY, "CN=a").der(), ECDSA_SHA256);
        byte[] ecKeyRsaAlgorithm = CraftedRequests.withSignatureAlgorithm(
                CertificationRequest.create(EC_KEY, "CN=a").der(), RSA_SHA256);

        assertThat(rejection(rsaKeyEcdsaAlgorithm)).isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
        assertThat(rejection(ecKeyRsaAlgorithm)).isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A request for an RSA key with any modulus and exponent and a junk signature. */
    static byte[] rsaRequest(BigInteger modulus, BigInteger exponent) throws Exception {
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent));
        return CraftedRequests.unsigned(key, RSA_SHA256);
    }

    /** An odd number of exactly {@code bits} bits: shaped like an RSA modulus, which the policy cannot tell apart. */
    static BigInteger oddModulus(int bits) {
        return new BigInteger(bits, new SecureRandom()).setBit(bits - 1).setBit(0);
    }

    /** A request for a valid point (the generator) on a named curve, with a junk signature. */
    static byte[] ecRequest(ASN1ObjectIdentifier curve) throws Exception {
        X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
        byte[] point = parameters == null ? new byte[] {4, 1, 2} : parameters.getG().getEncoded(false);
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
        return CraftedRequests.unsigned(key, ECDSA_SHA256);
    }
}
