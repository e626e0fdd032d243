package dev.onvifcloud.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Our OpenAPI 3.1.0 description of what a cloud serves: the Cloud Integration endpoints ({@code startDeviceSharing},
 * {@code deviceSharingCompleted}, {@code getAvailableFWImages}) with the same semantics as ONVIF's
 * {@code cloudintegration.yaml} and the limits of {@link JsonLimits#defaults()} (plus the {@code 400} that
 * {@code deviceSharingCompleted} answers to every refusal), and this project's own APIs under {@code /api/v1},
 * {@code /.well-known} and {@code /oauth2}: the owner's management API, the Operational Cloud Service's camera API
 * and authorization server, and the share-token keys. Shipped as a class path resource so a cloud can serve it.
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
