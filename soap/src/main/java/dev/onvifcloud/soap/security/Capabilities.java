package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.AttributeSet.Type;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * tas:Capabilities: keystore and TLS server capabilities, and, if supported, 802.1X, authorization server
 * ({@code MaxConfigurations}, {@code ConfigurationTypesSupported}, {@code ClientAuthenticationMethodsSupported})
 * and media signing capabilities.
 */
public record Capabilities(KeystoreCapabilities keystore, AttributeSet tlsServer, Optional<AttributeSet> dot1X,
                           Optional<AttributeSet> authorizationServer, Optional<AttributeSet> mediaSigning) {

    static final Map<String, Type> TLS_SERVER_TYPES = Map.of(
            "TLSServerSupported", Type.LIST, "EnabledVersionsSupported", Type.BOOLEAN,
            "MaximumNumberOfTLSCertificationPaths", Type.POSITIVE_INTEGER, "TLSClientAuthSupported", Type.BOOLEAN,
            "CnMapsToUserSupported", Type.BOOLEAN,
            "MaximumNumberOfTLSCertificationPathValidationPolicies", Type.NON_NEGATIVE_INTEGER);
    static final Map<String, Type> DOT1X_TYPES = Map.of(
            "MaximumNumberOfDot1XConfigurations", Type.POSITIVE_INTEGER, "Dot1XMethods", Type.LIST);
    static final Map<String, Type> AUTHORIZATION_SERVER_TYPES = Map.of(
            "MaxConfigurations", Type.INT, "ConfigurationTypesSupported", Type.LIST,
            "ClientAuthenticationMethodsSupported", Type.LIST);
    static final Map<String, Type> MEDIA_SIGNING_TYPES = Map.of(
            "MediaSigningSupported", Type.BOOLEAN, "UserMediaSigningKeySupported", Type.BOOLEAN);

    public Capabilities {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(tlsServer, "tlsServer").checked(TLS_SERVER_TYPES);
        Objects.requireNonNull(dot1X, "dot1X").ifPresent(set -> set.checked(DOT1X_TYPES));
        Objects.requireNonNull(authorizationServer, "authorizationServer")
                .ifPresent(set -> set.checked(AUTHORIZATION_SERVER_TYPES));
        Objects.requireNonNull(mediaSigning, "mediaSigning").ifPresent(set -> set.checked(MEDIA_SIGNING_TYPES));
    }

    /** AuthorizationServer MaxConfigurations (0 if not signalled). */
    public int maxAuthorizationServerConfigurations() {
        return authorizationServer.flatMap(set -> set.integer("MaxConfigurations")).orElse(0);
    }
}
