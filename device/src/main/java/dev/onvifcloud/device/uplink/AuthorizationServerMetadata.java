package dev.onvifcloud.device.uplink;

import java.net.URI;
import java.util.Objects;

/**
 * What the camera needs from an authorization server's RFC 8414 metadata.
 *
 * @param issuer        {@code issuer}
 * @param tokenEndpoint {@code token_endpoint}, https
 */
public record AuthorizationServerMetadata(URI issuer, URI tokenEndpoint) {

    public AuthorizationServerMetadata {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        if (!"https".equalsIgnoreCase(tokenEndpoint.getScheme()) || tokenEndpoint.getHost() == null) {
            throw new IllegalArgumentException("token_endpoint must be an https URL");
        }
    }
}
