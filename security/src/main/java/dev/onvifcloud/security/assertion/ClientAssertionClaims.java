package dev.onvifcloud.security.assertion;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of a client assertion. {@code iss} and {@code sub} are both the client id.
 *
 * @param clientId {@code iss} = {@code sub}
 * @param audience {@code aud}, non-empty
 * @param jwtId {@code jti}
 * @param issuedAt {@code iat}, optional in RFC 7523 (we always send it)
 * @param expiresAt {@code exp}
 */
public record ClientAssertionClaims(
        String clientId, List<String> audience, String jwtId, Optional<Instant> issuedAt, Instant expiresAt) {

    public ClientAssertionClaims {
        requireText(clientId, "clientId");
        audience = List.copyOf(Objects.requireNonNull(audience, "audience"));
        if (audience.isEmpty()) {
            throw new IllegalArgumentException("audience must not be empty");
        }
        audience.forEach(a -> requireText(a, "audience"));
        requireText(jwtId, "jwtId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (issuedAt.isPresent() && !expiresAt.isAfter(issuedAt.get())) {
            throw new IllegalArgumentException("exp must be after iat");
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty string");
        }
    }
}
