package dev.onvifcloud.cloud.notification;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How the {@link DeviceSharingCompletedNotifier} works through its queue.
 *
 * @param leaseOwner names this node's notifier in the queue and the audit log, 1 to 128 characters, unique per node
 * @param leaseDuration how long a claimed notification is held; longer than trying every endpoint takes
 * @param batchSize notifications claimed at once by one worker, 1 to 1000
 * @param workers threads delivering concurrently, 1 to 64
 * @param pollInterval how long an idle worker waits before looking for due notifications again
 * @param connectTimeout to establish the TCP connection to one endpoint
 * @param requestTimeout for the TLS handshake, the request and the response of one endpoint, together
 * @param maxResponseBytes of a response body read (then discarded) before the connection is closed, 0 to 1 MiB
 * @param schedule backoff with jitter between attempts, and the period after which a notification is dead
 */
public record NotifierSettings(
        String leaseOwner,
        Duration leaseDuration,
        int batchSize,
        int workers,
        Duration pollInterval,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxResponseBytes,
        JitteredSchedule schedule) {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

    public NotifierSettings {
        Objects.requireNonNull(leaseOwner, "leaseOwner");
        if (leaseOwner.isBlank() || leaseOwner.length() > 128) {
            throw new IllegalArgumentException("leaseOwner must be 1 to 128 characters, not blank");
        }
        requirePositive(leaseDuration, "leaseDuration");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (connectTimeout.toMillis() > Integer.MAX_VALUE || requestTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeouts must be shorter than 24 days");
        }
        if (leaseDuration.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
            throw new IllegalArgumentException("leaseDuration must be longer than connectTimeout + requestTimeout");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be 1 to 1000");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1 to 64");
        }
        if (maxResponseBytes < 0 || maxResponseBytes > 1024 * 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be 0 to 1 MiB");
        }
        Objects.requireNonNull(schedule, "schedule");
    }

    /** The defaults, with a lease owner of its own ({@code notifier-<random>}) and {@link JitteredSchedule#STANDARD}. */
    public static NotifierSettings defaults() {
        return new NotifierSettings("notifier-" + UUID.randomUUID(), DEFAULT_LEASE, DEFAULT_BATCH_SIZE,
                DEFAULT_WORKERS, DEFAULT_POLL_INTERVAL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_RESPONSE_BYTES, JitteredSchedule.STANDARD);
    }

    public NotifierSettings withLeaseOwner(String value) {
        return new NotifierSettings(value, leaseDuration, batchSize, workers, pollInterval, connectTimeout,
                requestTimeout, maxResponseBytes, schedule);
    }

    public NotifierSettings withSchedule(JitteredSchedule value) {
        return new NotifierSettings(leaseOwner, leaseDuration, batchSize, workers, pollInterval, connectTimeout,
                requestTimeout, maxResponseBytes, value);
    }

    public NotifierSettings withPollInterval(Duration value) {
        return new NotifierSettings(leaseOwner, leaseDuration, batchSize, workers, value, connectTimeout,
                requestTimeout, maxResponseBytes, schedule);
    }

    public NotifierSettings withTimeouts(Duration connect, Duration request) {
        return new NotifierSettings(leaseOwner, leaseDuration, batchSize, workers, pollInterval, connect, request,
                maxResponseBytes, schedule);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
