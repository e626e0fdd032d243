package dev.onvifcloud.protocol;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** ONVIF's specification files, found through the {@code onvif.spec.dir} system property (set by the build). */
final class SpecFiles {

    static final String PROPERTY = "onvif.spec.dir";

    private SpecFiles() {}

    /** ONVIF's OpenAPI file; fails the test, never skips it, when it cannot be found. */
    static Path onvifOpenApi() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            fail("System property " + PROPERTY + " is not set: it must name the folder holding ONVIF's "
                    + "cloudintegration.yaml (Maven sets it to ../shared/spec beside the repository; "
                    + "elsewhere pass -D" + PROPERTY + "=/path/to/spec)");
        }
        Path file = Path.of(dir).resolve("cloudintegration.yaml").toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            fail("ONVIF's OpenAPI file is missing: " + file + " (from -D" + PROPERTY + "=" + dir + "). "
                    + "The conformance tests need it; they do not skip.");
        }
        return file;
    }
}
