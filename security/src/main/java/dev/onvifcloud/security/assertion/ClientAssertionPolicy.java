package dev.onvifcloud.security.assertion;

import com.nimbusds.jose.JWSAlgorithm;
import dev.onvifcloud.security.jose.Validity;
import dev.onvifcloud.security.jose.VerificationKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link ClientAssertionVerifier} accepts.
 *
 * @param audiences the values that identify this authorization server (its token endpoint URI, its
 *     issuer identifier); {@code aud} must contain at least one
 * @param acceptedAlgorithms JWS algorithms accepted; a non-empty subset of
 *     {@link VerificationKey#SUPPORTED_ALGORITHMS} ({@code none} and HMAC can never be enabled)
 * @param maxClockSkew tolerance for {@code exp}, {@code nbf}, {@code iat}; 0 to {@link #MAX_CLOCK_SKEW}
 * @param maxLifetime largest {@code exp - iat}, and largest {@code exp - now} (so that an assertion
 *     without {@code iat} is bounded too); positive, at most {@link #MAX_LIFETIME}
 * @param maxAssertionBytes longest assertion accepted, checked before parsing
 */
public record ClientAssertionPolicy(
        Set<String> audiences,
        Set<JWSAlgorithm> acceptedAlgorithms,
        Duration maxClockSkew,
        Duration maxLifetime,
        int maxAssertionBytes) {

    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ASSERTION_BYTES = 8 * 1024;
    public static final int MIN_ASSERTION_BYTES = 256;
    public static final int MAX_ASSERTION_BYTES = 64 * 1024;

    public ClientAssertionPolicy {
        audiences = Set.copyOf(Objects.requireNonNull(audiences, "audiences"));
        if (audiences.isEmpty() || audiences.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("audiences must be non-empty strings, at least one");
        }
        acceptedAlgorithms = Set.copyOf(Objects.requireNonNull(acceptedAlgorithms, "acceptedAlgorithms"));
        if (acceptedAlgorithms.isEmpty() || !VerificationKey.SUPPORTED_ALGORITHMS.containsAll(acceptedAlgorithms)) {
            throw new IllegalArgumentException(
                    "acceptedAlgorithms must be a non-empty subset of " + VerificationKey.SUPPORTED_ALGORITHMS);
        }
        Validity.requireSkew(maxClockSkew, MAX_CLOCK_SKEW);
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero() || maxLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be positive and at most " + MAX_LIFETIME);
        }
        if (maxAssertionBytes < MIN_ASSERTION_BYTES || maxAssertionBytes > MAX_ASSERTION_BYTES) {
            throw new IllegalArgumentException(
                    "maxAssertionBytes must be between " + MIN_ASSERTION_BYTES + " and " + MAX_ASSERTION_BYTES);
        }
    }

    /** ES256, RS256, PS256; 60 s skew; 5 min lifetime; 8 KiB; for these audiences. */
    public static ClientAssertionPolicy defaults(Set<String> audiences) {
        return new ClientAssertionPolicy(
                audiences, DEFAULT_ALGORITHMS, DEFAULT_CLOCK_SKEW, DEFAULT_LIFETIME, DEFAULT_MAX_ASSERTION_BYTES);
    }

    public ClientAssertionPolicy withAcceptedAlgorithms(Set<JWSAlgorithm> algorithms) {
        return new ClientAssertionPolicy(audiences, algorithms, maxClockSkew, maxLifetime, maxAssertionBytes);
    }

    public ClientAssertionPolicy withMaxClockSkew(Duration skew) {
        return new ClientAssertionPolicy(audiences, acceptedAlgorithms, skew, maxLifetime, maxAssertionBytes);
    }

    public ClientAssertionPolicy withMaxLifetime(Duration lifetime) {
        return new ClientAssertionPolicy(audiences, acceptedAlgorithms, maxClockSkew, lifetime, maxAssertionBytes);
    }
}
