package dev.onvifcloud.cloud.node;

import dev.onvifcloud.security.pki.DevelopmentPki;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a development PKI lives: a directory holding its four PEM files (the local TLS CA and the manufacturer CA,
 * certificates and private keys, keys readable by their owner only). One such directory can serve several cloud
 * nodes and the cameras' factory at once: every process that opens it gets the same CAs.
 */
public final class DevelopmentPkiStore {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentPkiStore.class);
    private static final List<String> FILES = List.of(DevelopmentPki.LOCAL_CA_CERTIFICATE,
            DevelopmentPki.LOCAL_CA_PRIVATE_KEY, DevelopmentPki.MANUFACTURER_CA_CERTIFICATE,
            DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);

    private DevelopmentPkiStore() {
    }

    /**
     * The PKI in {@code directory}, generated and written there first when the directory holds none. Safe against
     * other processes opening the same directory at the same time (they wait on a lock file).
     *
     * @throws IllegalStateException when the directory holds only some of the files, or files that do not make a
     *     valid PKI (see {@link DevelopmentPki#importPem}); nothing is overwritten
     */
    public static DevelopmentPki openOrCreate(Path directory, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(clock, "clock");
        return SecretFiles.locked(directory, () -> {
            Map<String, String> pem = new LinkedHashMap<>();
            for (String file : FILES) {
                Optional<String> text = SecretFiles.read(directory.resolve(file));
                text.ifPresent(value -> pem.put(file, value));
            }
            if (pem.size() == FILES.size()) {
                try {
                    return DevelopmentPki.importPem(pem, clock);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("the development PKI in " + directory + " is unusable: "
                            + e.getMessage(), e);
                }
            }
            if (!pem.isEmpty()) {
                throw new IllegalStateException("the development PKI in " + directory + " is incomplete (has "
                        + pem.keySet() + "); remove the directory to generate a new one");
            }
            DevelopmentPki pki = DevelopmentPki.generate(clock);
            pki.exportPem().forEach((file, text) -> SecretFiles.writeNew(directory.resolve(file), text));
            LOG.info("generated a development PKI in {}", directory.toAbsolutePath());
            return pki;
        });
    }
}
