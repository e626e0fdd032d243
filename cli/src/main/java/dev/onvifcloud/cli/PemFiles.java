package dev.onvifcloud.cli;

import dev.onvifcloud.security.pki.PemReader;
import dev.onvifcloud.security.pki.PemRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PEM files of the TLS settings ({@code tls-certificate}, {@code tls-private-key}, {@code trust-ca}, ...): read
 * with {@link PemReader}'s bound, parsed by it, and every failure reported as a configuration problem naming the
 * setting, the file and where the setting came from.
 */
final class PemFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PemFiles.class);
    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ);

    private PemFiles() {
    }

    /** The certificates of the file that setting {@code key} names; empty when it names none or on a problem. */
    static Optional<List<X509Certificate>> certificates(Configuration configuration, String key,
                                                        Configuration.Problems problems) {
        return read(configuration, key, problems, PemReader::certificates);
    }

    /**
     * The private key of the file that setting {@code key} names; empty when it names none or on a problem. Warns
     * (logs) when the file is readable by its group or others.
     */
    static Optional<PrivateKey> privateKey(Configuration configuration, String key, Configuration.Problems problems) {
        Optional<PrivateKey> privateKey = read(configuration, key, problems, PemReader::privateKey);
        privateKey.ifPresent(ignored -> warnIfShared(key, Path.of(configuration.text(key).orElseThrow())));
        return privateKey;
    }

    private static <T> Optional<T> read(Configuration configuration, String key, Configuration.Problems problems,
                                        Function<byte[], T> parse) {
        Optional<String> file = configuration.text(key);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String where = key + ": " + file.get();
        String origin = " (from " + configuration.origin(key) + ")";
        byte[] bytes;
        try (InputStream in = java.nio.file.Files.newInputStream(Path.of(file.get()))) {
            bytes = in.readNBytes(PemReader.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            problems.add(where + ": no such file" + origin);
            return Optional.empty();
        } catch (AccessDeniedException e) {
            problems.add(where + ": not readable (permission denied)" + origin);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.add(where + ": cannot read it: " + e.getMessage() + origin);
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(bytes));
        } catch (PemRejectedException e) {
            problems.add(where + ": " + e.getMessage() + origin);
            return Optional.empty();
        }
    }

    private static void warnIfShared(String key, Path file) {
        try {
            Set<PosixFilePermission> permissions = java.nio.file.Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(SHARED::contains)) {
                LOG.warn("{}: {} is readable by others than its owner ({}); a private key should not be: chmod 600 {}",
                        key, file, PosixFilePermissions.toString(permissions), file);
            }
        } catch (IOException | UnsupportedOperationException e) { // not POSIX, or gone since: nothing to say
        }
    }
}
