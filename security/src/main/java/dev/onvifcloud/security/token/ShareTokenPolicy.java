package dev.onvifcloud.security.token;

import com.nimbusds.jose.JWSAlgorithm;
import dev.onvifcloud.security.jose.Validity;
import dev.onvifcloud.security.jose.VerificationKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ShareTokenVerifier} accepts.
 *
 * @param acceptedAlgorithms JWS algorithms accepted; a non-empty subset of
 *     {@link VerificationKey#SUPPORTED_ALGORITHMS} ({@code none} and HMAC can never be enabled)
 * @param expectedIssuer when present, {@code iss} must equal it
 * @param maxClockSkew tolerance applied to {@code exp}, {@code nbf} and {@code iat}; 0 to {@link #MAX_CLOCK_SKEW}
 * @param maxLifetime largest {@code exp - iat}; positive, at most {@link #MAX_LIFETIME}
 * @param maxTokenBytes longest token accepted, checked before parsing; {@link #MIN_TOKEN_BYTES} to
 *     {@link #MAX_TOKEN_BYTES}
 */
public record ShareTokenPolicy(
        Set<JWSAlgorithm> acceptedAlgorithms,
        Optional<String> expectedIssuer,
        Duration maxClockSkew,
        Duration maxLifetime,
        int maxTokenBytes) {

    public static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS = Set.of(JWSAlgorithm.ES256);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_LIFETIME = Duration.ofDays(30);
    public static final int DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;
    public static final int MIN_TOKEN_BYTES = 256;
    public static final int MAX_TOKEN_BYTES = 64 * 1024;

    public ShareTokenPolicy {
        acceptedAlgorithms = Set.copyOf(Objects.requireNonNull(acceptedAlgorithms, "acceptedAlgorithms"));
        if (acceptedAlgorithms.isEmpty() || !VerificationKey.SUPPORTED_ALGORITHMS.containsAll(acceptedAlgorithms)) {
            throw new IllegalArgumentException(
                    "acceptedAlgorithms must be a non-empty subset of " + VerificationKey.SUPPORTED_ALGORITHMS);
        }
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        if (expectedIssuer.isPresent() && expectedIssuer.get().isEmpty()) {
            throw new IllegalArgumentException("expectedIssuer must not be empty");
        }
        Validity.requireSkew(maxClockSkew, MAX_CLOCK_SKEW);
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero() || maxLifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("maxLifetime must be positive and at most " + MAX_LIFETIME);
        }
        if (maxTokenBytes < MIN_TOKEN_BYTES || maxTokenBytes > MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException(
                    "maxTokenBytes must be between " + MIN_TOKEN_BYTES + " and " + MAX_TOKEN_BYTES);
        }
    }

    /** ES256 only, any issuer, 60 s skew, 24 h lifetime, 8 KiB. */
    public static ShareTokenPolicy defaults() {
        return new ShareTokenPolicy(
                DEFAULT_ALGORITHMS, Optional.empty(), DEFAULT_CLOCK_SKEW, DEFAULT_LIFETIME, DEFAULT_MAX_TOKEN_BYTES);
    }

    public ShareTokenPolicy withAcceptedAlgorithms(Set<JWSAlgorithm> algorithms) {
        return new ShareTokenPolicy(algorithms, expectedIssuer, maxClockSkew, maxLifetime, maxTokenBytes);
    }

    public ShareTokenPolicy withExpectedIssuer(String issuer) {
        return new ShareTokenPolicy(
                acceptedAlgorithms, Optional.of(issuer), maxClockSkew, maxLifetime, maxTokenBytes);
    }

    public ShareTokenPolicy withMaxClockSkew(Duration skew) {
        return new ShareTokenPolicy(acceptedAlgorithms, expectedIssuer, skew, maxLifetime, maxTokenBytes);
    }

    public ShareTokenPolicy withMaxLifetime(Duration lifetime) {
        return new ShareTokenPolicy(acceptedAlgorithms, expectedIssuer, maxClockSkew, lifetime, maxTokenBytes);
    }

    public ShareTokenPolicy withMaxTokenBytes(int bytes) {
        return new ShareTokenPolicy(acceptedAlgorithms, expectedIssuer, maxClockSkew, maxLifetime, bytes);
    }
}
