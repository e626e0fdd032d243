package dev.onvifcloud.security.csr;

import static dev.onvifcloud.security.csr.CertificationRequestTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests made by {@code openssl req} are judged as the policy says, and {@code openssl req} verifies ours. */
class CertificationRequestOpensslTest {

    @TempDir
    Path directory;

    @BeforeEach
    void requireOpenssl() {
        Openssl.assumeAvailable();
    }

    @ParameterizedTest
    @CsvSource({
        "EC, ec_paramgen_curve:P-256, EC P-256, SHA256withECDSA",
        "EC, ec_paramgen_curve:P-384, EC P-384, SHA256withECDSA",
        "RSA, rsa_keygen_bits:2048, RSA 2048, SHA256withRSA"})
    void accepts_openssl_requests_with_the_right_key_type_and_an_independently_computed_thumbprint(
            String algorithm, String option, String keyType, String signatureAlgorithm) throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "key.pem");
        Openssl.runOrFail(directory, "req", "-new", "-sha256", "-key", "key.pem", "-subj", "/O=Acme/CN=camera-42",
                "-out", "request.pem");
        Openssl.runOrFail(directory, "req", "-in", "request.pem", "-outform", "DER", "-out", "request.der");
        Openssl.runOrFail(directory, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "public.der");

        CertificationRequest fromPem = CertificationRequest.parse(read("request.pem"));
        CertificationRequest fromBase64 = CertificationRequest.parse(
                Base64.getEncoder().encodeToString(Files.readAllBytes(directory.resolve("request.der"))));

        assertThat(fromBase64).isEqualTo(fromPem);
        assertThat(fromPem.keyType()).hasToString(keyType);
        assertThat(fromPem.signatureAlgorithm()).isEqualTo(signatureAlgorithm);
        assertThat(fromPem.subject().getName()).isEqualTo("CN=camera-42,O=Acme");
        assertThat(fromPem.thumbprint())
                .isEqualTo(nimbusThumbprint(Files.readAllBytes(directory.resolve("public.der"))));
        assertThat(fromPem.publicKey().getEncoded()).isEqualTo(Files.readAllBytes(directory.resolve("public.der")));
    }

    @Test
    void accepts_an_openssl_request_with_a_compressed_point_new_header_and_extension_request() throws Exception {
        Openssl.runOrFail(directory, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "key.pem");
        Openssl.runOrFail(directory, "ec", "-in", "key.pem", "-conv_form", "compressed", "-out", "compressed.pem");
        Openssl.runOrFail(directory, "req", "-new", "-newhdr", "-key", "compressed.pem", "-subj", "/CN=camera-42",
                "-addext", "subjectAltName=DNS:camera-42.example", "-out", "request.pem");
        Openssl.runOrFail(directory, "pkey", "-in", "key.pem", "-pubout", "-outform", "DER", "-out", "public.der");
        String pem = read("request.pem");

        CertificationRequest request = CertificationRequest.parse(pem);

        assertThat(pem).startsWith("-----BEGIN NEW CERTIFICATE REQUEST-----");
        assertThat(request.keyType()).isEqualTo(KeyType.EC_P256);
        assertThat(request.thumbprint())
                .isEqualTo(nimbusThumbprint(Files.readAllBytes(directory.resolve("public.der"))));
    }

    @Test
    void openssl_verifies_our_ec_request_as_pem_and_our_rsa_request_as_der() throws Exception {
        Files.writeString(directory.resolve("ec.pem"),
                CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=camera-42,O=Acme").toPem());
        Files.write(directory.resolve("rsa.der"),
                CertificationRequest.create(KeyAlgorithm.RSA_2048.generate(), "CN=camera-42").der());

        assertThat(Openssl.runOrFail(directory, "req", "-in", "ec.pem", "-verify", "-noout", "-subject",
                "-nameopt", "RFC2253")).contains("subject=CN=camera-42,O=Acme");
        Openssl.runOrFail(directory, "req", "-inform", "DER", "-in", "rsa.der", "-verify", "-noout");
    }

    @Test
    void rejects_an_openssl_request_with_a_flipped_signature_byte_as_bad_signature() throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-out", "key.pem");
        Openssl.runOrFail(directory, "req", "-new", "-key", "key.pem", "-subj", "/CN=camera-42", "-outform", "DER",
                "-out", "request.der");
        byte[] der = Files.readAllBytes(directory.resolve("request.der"));
        der[der.length - 2] ^= 0x40;

        assertThat(rejection(der)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void rejects_an_openssl_rsa_1024_request_as_weak() throws Exception {
        assertThat(rejection(request("RSA", "rsa_keygen_bits:1024", "-sha256"))).isEqualTo(Reason.WEAK_KEY);
    }

    @Test
    void rejects_an_openssl_secp256k1_request_as_unsupported() throws Exception {
        assertThat(rejection(request("EC", "ec_paramgen_curve:secp256k1", "-sha256")))
                .isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void rejects_an_openssl_ed25519_request_as_unsupported() throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", "ED25519", "-out", "key.pem");
        Openssl.runOrFail(directory, "req", "-new", "-key", "key.pem", "-subj", "/CN=camera-42", "-out",
                "request.pem");

        assertThat(rejection(read("request.pem"))).isEqualTo(Reason.UNSUPPORTED_KEY);
    }

    @Test
    void rejects_an_openssl_sha1_request_as_unsupported_signature_algorithm() throws Exception {
        assertThat(rejection(request("RSA", "rsa_keygen_bits:2048", "-sha1")))
                .isEqualTo(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM);
    }

    /** A PEM request from {@code openssl req} for a fresh key, with the digest option given. */
    private String request(String algorithm, String option, String digest) throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", algorithm, "-pkeyopt", option, "-out", "key.pem");
        Openssl.runOrFail(directory, "req", "-new", digest, "-key", "key.pem", "-subj", "/CN=camera-42", "-out",
                "request.pem");
        return read("request.pem");
    }

    private String read(String name) throws Exception {
        return Files.readString(directory.resolve(name));
    }

    /** The RFC 7638 thumbprint of a DER SubjectPublicKeyInfo as Nimbus computes it, not through our code. */
    static String nimbusThumbprint(byte[] subjectPublicKeyInfo) throws Exception {
        PublicKey key;
        JWK jwk;
        try {
            key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
            ECPublicKey ec = (ECPublicKey) key;
            jwk = new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        } catch (java.security.spec.InvalidKeySpecException notEc) {
            key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
            jwk = new RSAKey.Builder((RSAPublicKey) key).build();
        }
        return jwk.computeThumbprint().toString();
    }
}
