package dev.onvifcloud.security.assertion;

import java.util.Objects;

/**
 * A client assertion: the compact serialization sent as {@code client_assertion} and its claims.
 * {@link #toString()} never shows the serialization.
 *
 * @param serialized the JWS compact serialization
 * @param claims its claims
 */
public record ClientAssertion(String serialized, ClientAssertionClaims claims) {

    /** The {@code client_assertion_type} that goes with it (RFC 7523 section 2.2). */
    public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public ClientAssertion {
        Objects.requireNonNull(serialized, "serialized");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String toString() {
        return "ClientAssertion[client=" + claims.clientId() + ", jti=" + claims.jwtId()
                + ", exp=" + claims.expiresAt() + "]";
    }
}
