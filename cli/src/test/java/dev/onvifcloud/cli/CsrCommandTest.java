package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsrCommandTest {

    @TempDir
    Path dir;

    @Test
    void create_prints_a_request_that_verify_accepts_and_saves_the_matching_key() throws Exception {
        Path key = dir.resolve("camera.key");
        CommandRun created = CommandRun.of("csr", "create", "--subject", "CN=camera-0001", "--key-out", key.toString());

        assertThat(created.exitCode()).isZero();
        String base64 = created.out().strip();
        CertificationRequest request = CertificationRequest.parse(base64);
        assertThat(request.subject().getName()).isEqualTo("CN=camera-0001");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String pem = Files.readString(key);
        byte[] pkcs8 = Base64.getMimeDecoder().decode(
                pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        var privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        // The saved key is the one the request was made for: sign a new request with it and compare public keys.
        var publicKey = request.publicKey();
        var again = CertificationRequest.create(new java.security.KeyPair(publicKey, privateKey), "CN=again");
        assertThat(again.thumbprint()).isEqualTo(request.thumbprint());

        CommandRun verified = CommandRun.withStdin(base64, "csr", "verify", "-");
        assertThat(verified.exitCode()).isZero();
        assertThat(verified.out()).contains("EC P-256").contains(request.thumbprint());
    }

    @Test
    void verify_reads_pem_files() throws Exception {
        CertificationRequest request = CertificationRequest.create(KeyAlgorithm.RSA_2048.generate(), "CN=rsa");
        Path file = dir.resolve("req.pem");
        Files.writeString(file, request.toPem());

        CommandRun run = CommandRun.of("csr", "verify", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("RSA 2048").contains(request.thumbprint());
    }

    @Test
    void verify_rejects_garbage_with_exit_status_1_and_the_reason() {
        CommandRun run = CommandRun.withStdin("not a certification request", "csr", "verify");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("MALFORMED");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void verify_rejects_a_tampered_request() {
        CertificationRequest request = CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=camera");
        byte[] der = request.der();
        der[der.length - 5] ^= 0x01; // inside the signature
        CommandRun run = CommandRun.withStdin(Base64.getEncoder().encodeToString(der), "csr", "verify");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("BAD_SIGNATURE");
    }

    @Test
    void create_never_overwrites_an_existing_key() throws Exception {
        Path key = dir.resolve("existing.key");
        Files.writeString(key, "precious");

        CommandRun run = CommandRun.of("csr", "create", "--subject", "CN=x", "--key-out", key.toString());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(key)).isEqualTo("precious");
    }

    @Test
    void create_refuses_an_invalid_subject() {
        CommandRun run = CommandRun.of("csr", "create", "--subject", "not a distinguished name");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("--subject");
    }

    @Test
    void verify_reports_a_missing_file_as_an_io_error() {
        CommandRun run = CommandRun.of("csr", "verify", dir.resolve("absent.pem").toString());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("no such file");
    }
}
