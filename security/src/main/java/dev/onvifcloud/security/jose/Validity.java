package dev.onvifcloud.security.jose;

import com.nimbusds.jwt.JWTClaimNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time checks of RFC 7519 with a clock skew: a token is current when
 * {@code now < exp + skew}, {@code nbf <= now + skew} and {@code iat <= now + skew}.
 */
public final class Validity {

    private Validity() {
    }

    /**
     * @throws TokenRejectedException {@link RejectionReason#EXPIRED} (claim {@code exp}) or
     *     {@link RejectionReason#NOT_YET_VALID} (claim {@code nbf} or {@code iat})
     */
    public static void check(
            Instant now, Duration maxClockSkew, Instant expiresAt, Optional<Instant> notBefore, Optional<Instant> issuedAt)
            throws TokenRejectedException {
        if (!now.isBefore(expiresAt.plus(maxClockSkew))) {
            throw TokenRejectedException.forClaim(RejectionReason.EXPIRED, JWTClaimNames.EXPIRATION_TIME);
        }
        Instant latestStart = now.plus(maxClockSkew);
        if (notBefore.isPresent() && notBefore.get().isAfter(latestStart)) {
            throw TokenRejectedException.forClaim(RejectionReason.NOT_YET_VALID, JWTClaimNames.NOT_BEFORE);
        }
        if (issuedAt.isPresent() && issuedAt.get().isAfter(latestStart)) {
            throw TokenRejectedException.forClaim(RejectionReason.NOT_YET_VALID, JWTClaimNames.ISSUED_AT);
        }
    }

    /**
     * The time checks of a token that must carry {@code iat}: its lifetime {@code exp - iat} at most
     * {@code maxLifetime} ({@link RejectionReason#LIFETIME_TOO_LONG}, claim {@code exp}), then
     * {@link #check the window}.
     *
     * @throws TokenRejectedException LIFETIME_TOO_LONG, EXPIRED or NOT_YET_VALID
     */
    public static void checkIssued(Instant now, Duration maxClockSkew, Duration maxLifetime, Instant issuedAt,
            Instant expiresAt, Optional<Instant> notBefore) throws TokenRejectedException {
        if (issuedAt.plus(maxLifetime).isBefore(expiresAt)) {
            throw TokenRejectedException.forClaim(RejectionReason.LIFETIME_TOO_LONG, JWTClaimNames.EXPIRATION_TIME);
        }
        check(now, maxClockSkew, expiresAt, notBefore, Optional.of(issuedAt));
    }

    /**
     * Checks a policy's clock skew: zero to {@code max}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static Duration requireSkew(Duration skew, Duration max) {
        if (skew == null || skew.isNegative() || skew.compareTo(max) > 0) {
            throw new IllegalArgumentException("maxClockSkew must be between 0 and " + max);
        }
        return skew;
    }
}
