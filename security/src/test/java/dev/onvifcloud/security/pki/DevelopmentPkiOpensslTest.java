package dev.onvifcloud.security.pki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.security.csr.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code openssl verify} (OpenSSL checks real time) accepts what the development PKI issues. */
class DevelopmentPkiOpensslTest {

    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());

    @TempDir
    Path directory;

    @BeforeEach
    void writeTrustAnchors() throws Exception {
        Openssl.assumeAvailable();
        Map<String, String> pem = PKI.exportPem();
        Files.writeString(directory.resolve("local-ca.pem"), pem.get(DevelopmentPki.LOCAL_CA_CERTIFICATE));
        Files.writeString(directory.resolve("manufacturer-ca.pem"),
                pem.get(DevelopmentPki.MANUFACTURER_CA_CERTIFICATE));
    }

    @Test
    void openssl_verifies_the_server_certificate_for_localhost_and_both_loopback_addresses() throws Exception {
        write("server.pem", PKI.issueServerCertificate("cloud-a").certificateChainPem());

        for (String[] name : new String[][] {
                {"-verify_hostname", "localhost"}, {"-verify_ip", "127.0.0.1"}, {"-verify_ip", "::1"}}) {
            assertThat(Openssl.runOrFail(directory, "verify", "-x509_strict", "-purpose", "sslserver",
                    name[0], name[1], "-CAfile", "local-ca.pem", "server.pem")).contains("server.pem: OK");
        }
        assertThat(Openssl.run(directory, "verify", "-x509_strict", "-purpose", "sslserver",
                "-verify_hostname", "example.com", "-CAfile", "local-ca.pem", "server.pem").succeeded()).isFalse();
        assertThat(Openssl.run(directory, "verify", "-x509_strict", "-purpose", "sslserver",
                "-CAfile", "manufacturer-ca.pem", "server.pem").succeeded()).isFalse();
    }

    @Test
    void openssl_verifies_the_client_certificate_for_client_auth_only() throws Exception {
        write("client.pem", PKI.issueClientCertificate("cloud-a client").certificateChainPem());

        assertThat(Openssl.runOrFail(directory, "verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", "local-ca.pem", "client.pem")).contains("client.pem: OK");
        assertThat(Openssl.run(directory, "verify", "-x509_strict", "-purpose", "sslserver",
                "-CAfile", "local-ca.pem", "client.pem").succeeded()).isFalse();
    }

    @Test
    void openssl_verifies_the_birth_certificate_against_the_manufacturer_ca_only() throws Exception {
        write("camera.pem", PKI.issueBirthCertificate("Acme Cameras", "AC-100", "SN-0042").certificateChainPem());

        assertThat(Openssl.runOrFail(directory, "verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", "manufacturer-ca.pem", "camera.pem")).contains("camera.pem: OK");
        assertThat(Openssl.run(directory, "verify", "-x509_strict", "-purpose", "sslclient",
                "-CAfile", "local-ca.pem", "camera.pem").succeeded()).isFalse();
        assertThat(Openssl.runOrFail(directory, "x509", "-in", "camera.pem", "-noout", "-subject",
                "-nameopt", "RFC2253")).contains("subject=serialNumber=SN-0042,CN=AC-100,O=Acme Cameras");
    }

    @Test
    void openssl_reads_the_private_key_and_it_matches_the_certificate() throws Exception {
        IssuedCredential credential = PKI.issueServerCertificate("cloud-a");
        write("server.pem", credential.certificateChainPem());
        write("server-key.pem", credential.privateKeyPem());

        String fromKey = Openssl.runOrFail(directory, "pkey", "-in", "server-key.pem", "-pubout");
        String fromCertificate = Openssl.runOrFail(directory, "x509", "-in", "server.pem", "-noout", "-pubkey");

        assertThat(fromKey).isEqualTo(fromCertificate).contains("BEGIN PUBLIC KEY");
    }

    @Test
    void openssl_reads_the_exported_ca_keys() throws Exception {
        write("local-ca-key.pem", PKI.exportPem().get(DevelopmentPki.LOCAL_CA_PRIVATE_KEY));

        assertThat(Openssl.runOrFail(directory, "pkey", "-in", "local-ca-key.pem", "-pubout"))
                .isEqualTo(Openssl.runOrFail(directory, "x509", "-in", "local-ca.pem", "-noout", "-pubkey"));
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(directory.resolve(name), content);
    }
}
