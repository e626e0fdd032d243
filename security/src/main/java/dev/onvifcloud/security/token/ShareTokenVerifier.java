package dev.onvifcloud.security.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimNames;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenClaims;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.jose.TrustedKeyVerifier;
import dev.onvifcloud.security.jose.Validity;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies share tokens against a set of trusted public keys and a {@link ShareTokenPolicy}.
 * Immutable and thread-safe.
 *
 * <p>Checks, in order (the first failure is reported): length (TOO_LARGE, before any decoding); form
 * (MALFORMED); {@code alg} accepted by the policy (UNSUPPORTED_ALGORITHM); no {@code crit}
 * (UNSUPPORTED_CRITICAL_HEADER); {@code typ} present and {@code JWT}, compared case-insensitively
 * (UNSUPPORTED_TYPE: we issue it, RFC 8725 section 3.11 explicit typing, and ONVIF requires it for its
 * JWTs); {@code kid} present (MISSING_KEY_ID) and trusted (UNKNOWN_KEY); the key fits the {@code alg}
 * (UNSUPPORTED_ALGORITHM); the signature (BAD_SIGNATURE); only then are the claims decoded: presence
 * and types (MISSING_CLAIM, INVALID_CLAIM); no {@code aud}, as share tokens have none and RFC 7519
 * requires rejecting an audience that does not name us (WRONG_AUDIENCE); {@code iss}
 * (WRONG_ISSUER); {@code exp - iat} (LIFETIME_TOO_LONG); and the time window with skew (EXPIRED,
 * NOT_YET_VALID for {@code nbf} or {@code iat}).
 */
public final class ShareTokenVerifier {

    private final TrustedKeyVerifier jws;
    private final ShareTokenPolicy policy;
    private final Clock clock;

    /**
     * @param trustedKeys the public keys of the issuers we trust, by {@code kid}
     * @param policy what is accepted
     * @param clock the current time
     */
    public ShareTokenVerifier(PublicJwkSet trustedKeys, ShareTokenPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.jws = new TrustedKeyVerifier(trustedKeys, policy.maxTokenBytes(), policy.acceptedAlgorithms(),
                JOSEObjectType.JWT::equals);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies a share token.
     *
     * @return the token and its claims, checked
     * @throws TokenRejectedException if it must not be accepted; {@link TokenRejectedException#reason()} says why
     */
    public ShareToken verify(String serialized) throws TokenRejectedException {
        TokenClaims decoded = jws.verify(serialized);
        ShareTokenClaims claims = ShareTokenClaims.read(decoded);
        Optional<Instant> notBefore = decoded.optionalNumericDate(JWTClaimNames.NOT_BEFORE);
        if (decoded.contains(JWTClaimNames.AUDIENCE)) {
            throw TokenRejectedException.forClaim(RejectionReason.WRONG_AUDIENCE, JWTClaimNames.AUDIENCE);
        }
        if (policy.expectedIssuer().isPresent() && !policy.expectedIssuer().get().equals(claims.issuer())) {
            throw TokenRejectedException.forClaim(RejectionReason.WRONG_ISSUER, JWTClaimNames.ISSUER);
        }
        Validity.checkIssued(clock.instant(), policy.maxClockSkew(), policy.maxLifetime(), claims.issuedAt(),
                claims.expiresAt(), notBefore);
        return new ShareToken(serialized, claims);
    }
}
