package dev.onvifcloud.cloud.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (a client id at the token endpoint, an account for refused claims), in memory: per node,
 * forgotten on restart. A bucket that has filled
 * up again is worth no more than a new one, so full buckets are dropped whenever more than {@code maxKeys}
 * are held; the map is thus bounded by the keys seen within {@code burst / perSecond} seconds. Thread-safe.
 */
public final class TokenBuckets {

    private static final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final RateLimit limit;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param limit each bucket's size and refill rate
     * @param maxKeys how many buckets are held before the full ones are dropped
     * @param clock decides the refills
     */
    public TokenBuckets(RateLimit limit, int maxKeys, Clock clock) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.maxKeys = maxKeys;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes one token of {@code key}'s bucket: empty when allowed, else how long until a token is there. */
    public Optional<Duration> take(String key) {
        return use(key, true);
    }

    /**
     * Whether {@code key}'s bucket holds a token, taking none: empty when it does, else how long until one is there.
     * For limits on failures, which are counted ({@link #take}) only once they happened.
     */
    public Optional<Duration> waitFor(String key) {
        return use(key, false);
    }

    private Optional<Duration> use(String key, boolean take) {
        Instant now = clock.instant();
        if (buckets.size() > maxKeys) {
            buckets.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    return refill(entry.getValue(), now) >= limit.burst();
                }
            });
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            double tokens = refill(bucket, now);
            if (tokens >= 1) {
                if (take) {
                    bucket.tokens = tokens - 1;
                }
                return Optional.empty();
            }
            long nanos = (long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9);
            return Optional.of(Duration.ofNanos(Math.max(nanos, 1)));
        }
    }

    /** Adds the tokens earned since the last update (a clock going back earns none); returns the count. */
    private double refill(Bucket bucket, Instant now) {
        if (now.isAfter(bucket.updated)) {
            double elapsed = Duration.between(bucket.updated, now).toNanos() / 1e9;
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsed * limit.perSecond());
            bucket.updated = now;
        }
        return bucket.tokens;
    }
}
