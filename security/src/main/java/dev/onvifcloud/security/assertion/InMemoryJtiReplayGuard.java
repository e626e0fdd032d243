package dev.onvifcloud.security.assertion;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link JtiReplayGuard} in memory, for one node: holds at most {@code maxEntries} unexpired entries
 * and forgets each one once its expiry has passed. When full of unexpired entries it fails closed,
 * throwing {@link IllegalStateException} rather than forgetting an entry that could still be replayed.
 * Thread-safe.
 */
public final class InMemoryJtiReplayGuard implements JtiReplayGuard {

    /** A sensible capacity: 100,000 entries of a few hundred bytes each. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private record Use(String clientId, String jti) {
    }

    private record Expiry(Instant at, Use use) {
    }

    private final int maxEntries;
    private final Clock clock;
    private final Map<Use, Instant> uses = new HashMap<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));

    /**
     * @param maxEntries the most unexpired entries held, positive
     * @param clock the current time, to forget expired entries
     */
    public InMemoryJtiReplayGuard(int maxEntries, Clock clock) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws IllegalStateException if {@code maxEntries} unexpired entries are held already
     */
    @Override
    public synchronized boolean firstUse(String clientId, String jti, Instant expiresAt) {
        Use use = new Use(Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(jti, "jti"));
        Objects.requireNonNull(expiresAt, "expiresAt");
        forgetExpired(clock.instant());
        if (uses.containsKey(use)) {
            return false;
        }
        if (uses.size() >= maxEntries) {
            throw new IllegalStateException("jti replay guard is full");
        }
        uses.put(use, expiresAt);
        expiries.add(new Expiry(expiresAt, use));
        return true;
    }

    /** The number of entries held (expired ones included until the next call forgets them). */
    public synchronized int size() {
        return uses.size();
    }

    private void forgetExpired(Instant now) {
        while (!expiries.isEmpty() && !expiries.peek().at().isAfter(now)) {
            uses.remove(expiries.poll().use());
        }
    }
}
