package dev.onvifcloud.security.assertion;

import java.time.Instant;

/**
 * Remembers which {@code jti} values each client has used, so that an assertion is accepted once
 * (RFC 7523 section 3, item 7).
 *
 * <p>Implementations must be thread-safe and atomic: of two concurrent calls with the same client and
 * {@code jti}, at most one returns {@code true}. When an implementation cannot decide (storage down,
 * capacity exhausted) it throws an unchecked exception, which callers treat as a failure, never as
 * acceptance.
 */
@FunctionalInterface
public interface JtiReplayGuard {

    /**
     * Records a use of {@code jti} by {@code clientId}.
     *
     * @param expiresAt until when the entry must be remembered: the last instant at which the assertion
     *     could still be accepted (its {@code exp} plus the verifier's clock skew)
     * @return {@code true} if this is the first use, {@code false} if the pair was seen before
     */
    boolean firstUse(String clientId, String jti, Instant expiresAt);
}
