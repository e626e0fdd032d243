package dev.onvifcloud.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.security.csr.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PemReader} reads what {@code openssl} writes: its key formats, and a self-signed certificate. */
class PemReaderOpensslTest {

    @TempDir
    Path directory;

    @BeforeEach
    void requireOpenssl() {
        Openssl.assumeAvailable();
    }

    @Test
    void reads_ecparam_genkey_output_with_its_ec_parameters_block() throws Exception {
        Openssl.runOrFail(directory, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem");
        assertThat(Files.readString(directory.resolve("ec.pem"))).contains("BEGIN EC PARAMETERS", "BEGIN EC PRIVATE KEY");

        assertThat(PemReader.privateKey(Files.readAllBytes(directory.resolve("ec.pem"))))
                .isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void reads_a_pkcs8_and_a_traditional_rsa_key() throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                "-out", "rsa8.pem");
        Openssl.runOrFail(directory, "rsa", "-in", "rsa8.pem", "-traditional", "-out", "rsa1.pem");
        assertThat(Files.readString(directory.resolve("rsa1.pem"))).contains("BEGIN RSA PRIVATE KEY");

        PrivateKey pkcs8 = PemReader.privateKey(Files.readAllBytes(directory.resolve("rsa8.pem")));
        PrivateKey pkcs1 = PemReader.privateKey(Files.readAllBytes(directory.resolve("rsa1.pem")));

        assertThat(pkcs8).isInstanceOf(RSAPrivateKey.class);
        assertThat(((RSAPrivateKey) pkcs1).getPrivateExponent()).isEqualTo(((RSAPrivateKey) pkcs8).getPrivateExponent());
    }

    @Test
    void refuses_a_key_openssl_encrypted() throws Exception {
        Openssl.runOrFail(directory, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-aes-128-cbc", "-pass", "pass:secret", "-out", "encrypted.pem");

        PemRejectedException refused = catchThrowableOfType(PemRejectedException.class,
                () -> PemReader.privateKey(Files.readAllBytes(directory.resolve("encrypted.pem"))));

        assertThat(refused.reason()).isEqualTo(PemRejectedException.Reason.ENCRYPTED_PRIVATE_KEY);
    }

    @Test
    void reads_a_certificate_with_openssls_text_before_it() throws Exception {
        Openssl.runOrFail(directory, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-subj", "/CN=openssl root", "-days", "1", "-keyout", "root-key.pem", "-out", "root.pem");
        Openssl.runOrFail(directory, "x509", "-in", "root.pem", "-text", "-out", "root-text.pem");

        List<X509Certificate> certificates = PemReader.certificates(
                Files.readAllBytes(directory.resolve("root-text.pem")));

        assertThat(certificates).singleElement()
                .satisfies(root -> assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=openssl root"));
        assertThat(PemReader.privateKey(Files.readAllBytes(directory.resolve("root-key.pem"))))
                .isInstanceOf(ECPrivateKey.class);
    }
}
