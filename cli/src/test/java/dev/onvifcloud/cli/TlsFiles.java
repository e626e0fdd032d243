package dev.onvifcloud.cli;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/**
 * PEM files of a CA minted per test run (another development PKI than the one in any {@code --pki-dir}), written to a
 * temporary directory: a server chain for {@code localhost} with its CA, the same leaf alone, its key (rw-------),
 * and the CA certificate.
 */
record TlsFiles(Path chain, Path leafOnly, Path key, Path ca, Path otherCa) {

    static TlsFiles in(Path directory) {
        DevelopmentPki ca = DevelopmentPki.generate(Clock.systemUTC());
        DevelopmentPki other = DevelopmentPki.generate(Clock.systemUTC());
        IssuedCredential server = ca.issueServerCertificate("node", List.of("localhost"), List.of("127.0.0.1"));
        IssuedCredential leafOnly = new IssuedCredential(server.privateKey(), List.of(server.certificate()));
        try {
            Path dir = Files.createDirectories(directory.resolve("tls"));
            Path key = dir.resolve("key.pem");
            Files.writeString(key, server.privateKeyPem());
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            return new TlsFiles(write(dir.resolve("chain.pem"), server.certificateChainPem()),
                    write(dir.resolve("leaf.pem"), leafOnly.certificateChainPem()), key,
                    write(dir.resolve("ca.pem"), ca.exportPem().get(DevelopmentPki.LOCAL_CA_CERTIFICATE)),
                    write(dir.resolve("other-ca.pem"), other.exportPem().get(DevelopmentPki.LOCAL_CA_CERTIFICATE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }
}
