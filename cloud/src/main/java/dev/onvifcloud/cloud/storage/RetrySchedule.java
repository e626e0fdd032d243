package dev.onvifcloud.cloud.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between delivery attempts, and how long to keep trying before dead-lettering.
 *
 * @param firstDelay the delay after the first failed attempt, positive
 * @param multiplier each further delay is this many times the previous one, 1 to 10
 * @param maxDelay no delay is longer, at least {@code firstDelay}
 * @param giveUpAfter no attempt is made later than this after the notification was queued (or replayed)
 */
public record RetrySchedule(Duration firstDelay, double multiplier, Duration maxDelay, Duration giveUpAfter) {

    /** 10 s, doubling, at most 1 h apart, for 24 h. */
    public static final RetrySchedule STANDARD =
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofHours(1), Duration.ofHours(24));

    public RetrySchedule {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("firstDelay must be positive");
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("multiplier must be 1 to 10");
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must be at least firstDelay");
        }
        if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("giveUpAfter must be positive");
        }
    }

    /** The delay before the next attempt, after {@code failedAttempts} (at least 1) attempts failed. */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        double millis = firstDelay.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        if (millis >= maxDelay.toMillis()) {
            return maxDelay;
        }
        return Duration.ofMillis((long) millis);
    }
}
