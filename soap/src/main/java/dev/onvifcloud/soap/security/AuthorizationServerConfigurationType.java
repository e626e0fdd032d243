package dev.onvifcloud.soap.security;

import java.util.Optional;

/** tas:AuthorizationServerConfigurationType; the constant names are the wire values. */
public enum AuthorizationServerConfigurationType {
    OAuthAuthorizationCode, OAuthClientCredentials, OIDC2AuthorizationCode;

    /** The type with exactly this wire value. */
    public static Optional<AuthorizationServerConfigurationType> fromWire(String value) {
        for (AuthorizationServerConfigurationType type : values()) {
            if (type.name().equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
