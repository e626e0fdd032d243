package dev.onvifcloud.cloud.notification;

import dev.onvifcloud.cloud.storage.RetrySchedule;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The storage's exponential {@link RetrySchedule} with jitter, so that notifications that failed together (an
 * OCS that was down) do not all come back at the same instant: each delay is drawn uniformly from
 * {@code [(1 - jitter) * d, d]}, where {@code d} is the schedule's delay.
 *
 * @param schedule the backoff and the period after which a notification is dead-lettered
 * @param jitter the fraction of each delay that is random, 0 (none) to 1 (full jitter)
 */
public record JitteredSchedule(RetrySchedule schedule, double jitter) {

    /** {@link RetrySchedule#STANDARD} with half of each delay random. */
    public static final JitteredSchedule STANDARD = new JitteredSchedule(RetrySchedule.STANDARD, 0.5);

    public JitteredSchedule {
        Objects.requireNonNull(schedule, "schedule");
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be 0 to 1");
        }
    }

    /** The delay before the next attempt after {@code failedAttempts} (at least 1), jittered; at least 1 ms. */
    public Duration delayAfter(int failedAttempts, RandomGenerator random) {
        long millis = schedule.delayAfter(failedAttempts).toMillis();
        long jittered = millis - (long) (millis * jitter * random.nextDouble());
        return Duration.ofMillis(Math.max(1, jittered));
    }

    /**
     * The schedule to hand the store for one failed attempt: it waits exactly {@code delay}, and keeps the
     * give-up period (the store dead-letters when the next attempt would fall after the deadline).
     */
    RetrySchedule exactly(Duration delay) {
        return new RetrySchedule(delay, 1.0, delay, schedule.giveUpAfter());
    }
}
