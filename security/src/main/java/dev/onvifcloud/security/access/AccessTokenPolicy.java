package dev.onvifcloud.security.access;

import com.nimbusds.jose.JWSAlgorithm;
import dev.onvifcloud.security.jose.Validity;
import dev.onvifcloud.security.jose.VerificationKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link AccessTokenVerifier} accepts.
 *
 * @param expectedIssuer {@code iss} must equal it
 * @param expectedAudience {@code aud} must contain it (the uplink URL)
 * @param acceptedAlgorithms JWS algorithms accepted; a non-empty subset of
 *     {@link VerificationKey#SUPPORTED_ALGORITHMS} ({@code none} and HMAC can never be enabled)
 * @param maxClockSkew tolerance for {@code exp}, {@code nbf}, {@code iat}; 0 to {@link #MAX_CLOCK_SKEW}
 * @param maxLifetime largest {@code exp - iat}; positive, at most {@link AccessTokenIssuer#MAX_LIFETIME}
 * @param maxTokenBytes longest token accepted, checked before parsing; {@link #MIN_TOKEN_BYTES} to
 *     {@link #MAX_TOKEN_BYTES}
 */
public record AccessTokenPolicy(
        String expectedIssuer,
        String expectedAudience,
        Set<JWSAlgorithm> acceptedAlgorithms,
        Duration maxClockSkew,
        Duration maxLifetime,
        int maxTokenBytes) {

    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.ES256);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_LIFETIME = AccessTokenIssuer.MAX_LIFETIME;
    public static final int DEFAULT_MAX_TOKEN_BYTES = 4 * 1024;
    public static final int MIN_TOKEN_BYTES = 256;
    public static final int MAX_TOKEN_BYTES = 64 * 1024;

    public AccessTokenPolicy {
        if (expectedIssuer == null || expectedIssuer.isEmpty()) {
            throw new IllegalArgumentException("expectedIssuer must be a non-empty string");
        }
        if (expectedAudience == null || expectedAudience.isEmpty()) {
            throw new IllegalArgumentException("expectedAudience must be a non-empty string");
        }
        acceptedAlgorithms = Set.copyOf(Objects.requireNonNull(acceptedAlgorithms, "acceptedAlgorithms"));
        if (acceptedAlgorithms.isEmpty() || !VerificationKey.SUPPORTED_ALGORITHMS.containsAll(acceptedAlgorithms)) {
            throw new IllegalArgumentException(
                    "acceptedAlgorithms must be a non-empty subset of " + VerificationKey.SUPPORTED_ALGORITHMS);
        }
        Validity.requireSkew(maxClockSkew, MAX_CLOCK_SKEW);
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()
                || maxLifetime.compareTo(AccessTokenIssuer.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be positive and at most " + AccessTokenIssuer.MAX_LIFETIME);
        }
        if (maxTokenBytes < MIN_TOKEN_BYTES || maxTokenBytes > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException(
                    "maxTokenBytes must be between " + MIN_TOKEN_BYTES + " and " + MAX_TOKEN_BYTES);
        }
    }

    /** ES256 only, 30 s skew, lifetime up to an hour, 4 KiB; for this issuer and audience. */
    public static AccessTokenPolicy defaults(String expectedIssuer, String expectedAudience) {
        return new AccessTokenPolicy(expectedIssuer, expectedAudience, DEFAULT_ALGORITHMS, DEFAULT_CLOCK_SKEW,
                DEFAULT_MAX_LIFETIME, DEFAULT_MAX_TOKEN_BYTES);
    }

    public AccessTokenPolicy withAcceptedAlgorithms(Set<JWSAlgorithm> algorithms) {
        return new AccessTokenPolicy(expectedIssuer, expectedAudience, algorithms, maxClockSkew, maxLifetime,
                maxTokenBytes);
    }

    public AccessTokenPolicy withMaxClockSkew(Duration skew) {
        return new AccessTokenPolicy(expectedIssuer, expectedAudience, acceptedAlgorithms, skew, maxLifetime,
                maxTokenBytes);
    }

    public AccessTokenPolicy withMaxLifetime(Duration lifetime) {
        return new AccessTokenPolicy(expectedIssuer, expectedAudience, acceptedAlgorithms, maxClockSkew, lifetime,
                maxTokenBytes);
    }

    public AccessTokenPolicy withMaxTokenBytes(int bytes) {
        return new AccessTokenPolicy(expectedIssuer, expectedAudience, acceptedAlgorithms, maxClockSkew, maxLifetime,
                bytes);
    }
}
