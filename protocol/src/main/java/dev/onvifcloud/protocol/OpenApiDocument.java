package dev.onvifcloud.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Our OpenAPI 3.1.0 description of the Cloud Integration endpoints ({@code startDeviceSharing},
 * {@code deviceSharingCompleted}, {@code getAvailableFWImages}), with the same semantics as ONVIF's
 * {@code cloudintegration.yaml} and the limits of {@link JsonLimits#defaults()}. Shipped as a class
 * path resource so a cloud can serve it.
 */
public final class OpenApiDocument {

    private static final String RESOURCE = "openapi.yaml";

    private OpenApiDocument() {}

    /** The document as YAML text. */
    public static String yaml() {
        return Holder.YAML;
    }

    private static final class Holder {
        static final String YAML = load();
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the jar: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
