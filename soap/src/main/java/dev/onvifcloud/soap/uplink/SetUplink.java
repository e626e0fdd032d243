package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/**
 * tup:SetUplink: adds or modifies (keyed by RemoteAddress) an uplink configuration. Exactly one of
 * CertificateID and AuthorizationServer must be set, and the remote address must be {@code https} or
 * {@code wss}; a received request that breaks this is answered with the Uplink specification's fault
 * ({@code ter:InvalidArgs} with {@code ter:MissingAuthentication}, {@code ter:AmbiguousAuthentication} or
 * {@code ter:ProtocolNotSupported}).
 */
public record SetUplink(UplinkConfiguration configuration) implements SoapRequest {

    public SetUplink {
        Objects.requireNonNull(configuration, "configuration");
        if (configuration.certificateID().isEmpty() && configuration.authorizationServer().isEmpty()) {
            throw new IllegalArgumentException("CertificateID and AuthorizationServer are both missing");
        }
        if (configuration.certificateID().isPresent() && configuration.authorizationServer().isPresent()) {
            throw new IllegalArgumentException("CertificateID and AuthorizationServer are mutually exclusive");
        }
        String scheme = configuration.remoteAddress().getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("RemoteAddress must use https or wss");
        }
    }
}
