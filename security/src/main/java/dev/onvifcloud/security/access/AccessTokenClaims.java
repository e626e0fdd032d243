package dev.onvifcloud.security.access;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The claims of an access token (RFC 9068 section 2.2).
 *
 * @param issuer {@code iss}: the authorization server's issuer identifier
 * @param subject {@code sub}: the client id (the token is issued to the client itself, client_credentials)
 * @param audience {@code aud}: the resource the token is for, here the uplink URL
 * @param issuedAt {@code iat}, whole seconds
 * @param expiresAt {@code exp}, whole seconds, after {@code iat}
 * @param jwtId {@code jti}
 * @param clientId {@code client_id}
 * @param scope {@code scope}, space-separated, when one was granted
 */
public record AccessTokenClaims(String issuer, String subject, List<String> audience, Instant issuedAt,
        Instant expiresAt, String jwtId, String clientId, Optional<String> scope) {

    /** The {@code client_id} claim name (RFC 8693 section 4.3, used by RFC 9068). */
    public static final String CLIENT_ID = "client_id";
    /** The {@code scope} claim name (RFC 8693 section 4.2). */
    public static final String SCOPE = "scope";

    public AccessTokenClaims {
        requireText(issuer, "issuer");
        requireText(subject, "subject");
        audience = List.copyOf(Objects.requireNonNull(audience, "audience"));
        if (audience.isEmpty() || audience.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("audience must be one or more non-empty strings");
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        requireText(jwtId, "jwtId");
        requireText(clientId, "clientId");
        Objects.requireNonNull(scope, "scope");
        if (scope.isPresent() && scope.get().isBlank()) {
            throw new IllegalArgumentException("scope must not be blank");
        }
    }

    JWTClaimsSet toJWTClaimsSet() {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jwtId)
                .claim(CLIENT_ID, clientId);
        scope.ifPresent(value -> builder.claim(SCOPE, value));
        return builder.build();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty string");
        }
    }

}
