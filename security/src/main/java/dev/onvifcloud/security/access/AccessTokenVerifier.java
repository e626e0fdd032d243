package dev.onvifcloud.security.access;

import com.nimbusds.jwt.JWTClaimNames;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenClaims;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.jose.TrustedKeyVerifier;
import dev.onvifcloud.security.jose.Validity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies access tokens against the authorization server's public keys and an {@link AccessTokenPolicy}.
 * Immutable and thread-safe.
 *
 * <p>Checks, in order (the first failure is reported): length (TOO_LARGE, before any decoding); form
 * (MALFORMED); {@code alg} accepted (UNSUPPORTED_ALGORITHM); no {@code crit} (UNSUPPORTED_CRITICAL_HEADER);
 * {@code typ} {@code at+jwt} or {@code application/at+jwt}, case-insensitively (UNSUPPORTED_TYPE: RFC 9068
 * section 4, so that an ID token or another JWT signed with the same key is never taken for an access token);
 * {@code kid} present (MISSING_KEY_ID) and trusted (UNKNOWN_KEY); the signature (BAD_SIGNATURE); then the
 * claims: presence and types (MISSING_CLAIM, INVALID_CLAIM; {@code client_id} must equal {@code sub}, as
 * this server issues tokens only to clients for themselves); {@code iss} (WRONG_ISSUER); {@code aud}
 * (WRONG_AUDIENCE); {@code exp - iat} (LIFETIME_TOO_LONG); the time window with skew (EXPIRED,
 * NOT_YET_VALID).
 */
public final class AccessTokenVerifier {

    private final TrustedKeyVerifier jws;
    private final AccessTokenPolicy policy;
    private final Clock clock;

    /**
     * @param trustedKeys the authorization server's public keys, by {@code kid}
     * @param policy what is accepted
     * @param clock the current time
     */
    public AccessTokenVerifier(PublicJwkSet trustedKeys, AccessTokenPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.jws = new TrustedKeyVerifier(trustedKeys, policy.maxTokenBytes(), policy.acceptedAlgorithms(),
                type -> isAccessTokenType(type.getType()));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies an access token.
     *
     * @return the token and its claims, checked
     * @throws TokenRejectedException if it must not be accepted; {@link TokenRejectedException#reason()} says why
     */
    public AccessToken verify(String serialized) throws TokenRejectedException {
        TokenClaims decoded = jws.verify(serialized);
        String issuer = decoded.requiredString(JWTClaimNames.ISSUER);
        String subject = decoded.requiredString(JWTClaimNames.SUBJECT);
        List<String> audience = decoded.optionalStringList(JWTClaimNames.AUDIENCE).orElseThrow(
                () -> TokenRejectedException.forClaim(RejectionReason.MISSING_CLAIM, JWTClaimNames.AUDIENCE));
        Instant issuedAt = decoded.requiredNumericDate(JWTClaimNames.ISSUED_AT);
        Instant expiresAt = decoded.requiredNumericDate(JWTClaimNames.EXPIRATION_TIME);
        Optional<Instant> notBefore = decoded.optionalNumericDate(JWTClaimNames.NOT_BEFORE);
        String jwtId = decoded.requiredString(JWTClaimNames.JWT_ID);
        String clientId = decoded.requiredString(AccessTokenClaims.CLIENT_ID);
        Optional<String> scope = decoded.optionalString(AccessTokenClaims.SCOPE);
        if (!clientId.equals(subject)) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, AccessTokenClaims.CLIENT_ID);
        }
        if (scope.isPresent() && scope.get().isBlank()) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, AccessTokenClaims.SCOPE);
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, JWTClaimNames.EXPIRATION_TIME);
        }
        if (!issuer.equals(policy.expectedIssuer())) {
            throw TokenRejectedException.forClaim(RejectionReason.WRONG_ISSUER, JWTClaimNames.ISSUER);
        }
        if (!audience.contains(policy.expectedAudience())) {
            throw TokenRejectedException.forClaim(RejectionReason.WRONG_AUDIENCE, JWTClaimNames.AUDIENCE);
        }
        Validity.checkIssued(clock.instant(), policy.maxClockSkew(), policy.maxLifetime(), issuedAt, expiresAt,
                notBefore);
        return new AccessToken(serialized,
                new AccessTokenClaims(issuer, subject, audience, issuedAt, expiresAt, jwtId, clientId, scope));
    }

    private static boolean isAccessTokenType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.equals(AccessToken.TYPE) || lower.equals("application/" + AccessToken.TYPE);
    }
}
