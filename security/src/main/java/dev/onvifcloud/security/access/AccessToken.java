package dev.onvifcloud.security.access;

import java.util.Objects;

/**
 * An access token: its compact serialization (the bearer credential) and its claims.
 * {@link #toString()} never shows the serialization.
 */
public record AccessToken(String serialized, AccessTokenClaims claims) {

    /** The JWS {@code typ} of access tokens (RFC 9068 section 2.1). */
    public static final String TYPE = "at+jwt";

    public AccessToken {
        Objects.requireNonNull(serialized, "serialized");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String toString() {
        return "AccessToken[client=" + claims.clientId() + ", jti=" + claims.jwtId() + ", exp=" + claims.expiresAt() + "]";
    }
}
