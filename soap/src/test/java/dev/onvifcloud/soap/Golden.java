package dev.onvifcloud.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Golden files under {@code src/test/resources/golden/<service>/<Operation>.<request|response>.xml}. Run with
 * {@code -Dgolden.update=true} to rewrite them from the fixtures (then review the diff).
 */
final class Golden {

    private Golden() {
    }

    static String path(Operation<?, ?> operation, String kind) {
        String service = switch (operation.service()) {
            case DEVICE -> "device";
            case ADVANCED_SECURITY -> "security";
            case UPLINK -> "uplink";
            case EVENTS -> "events";
        };
        return "golden/" + service + "/" + operation.name() + "." + kind.toLowerCase(Locale.ROOT) + ".xml";
    }

    static byte[] read(String resource) {
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Golden file missing: " + resource
                        + " (run the tests once with -Dgolden.update=true to create it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    static void write(String resource, byte[] content) {
        Path file = Path.of("src/test/resources").resolve(resource);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
