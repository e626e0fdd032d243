package dev.onvifcloud.soap.security;

import java.util.Optional;

/** tas:ClientAuthenticationMethod (OAuth 2.0 token endpoint authentication methods). */
public enum ClientAuthenticationMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    CLIENT_SECRET_JWT("client_secret_jwt"),
    PRIVATE_KEY_JWT("private_key_jwt"),
    TLS_CLIENT_AUTH("tls_client_auth"),
    SELF_SIGNED_TLS_CLIENT_AUTH("self_signed_tls_client_auth");

    private final String wireValue;

    ClientAuthenticationMethod(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** The method with exactly this wire value. */
    public static Optional<ClientAuthenticationMethod> fromWire(String value) {
        for (ClientAuthenticationMethod method : values()) {
            if (method.wireValue.equals(value)) {
                return Optional.of(method);
            }
        }
        return Optional.empty();
    }
}
