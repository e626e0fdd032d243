package dev.onvifcloud.uplink.cloud;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the connections between accept and upgrade (TLS handshake, upgrade request, authentication).
 * In a reconnect storm, handshakes beyond what the CPU completes within the upgrade timeout only time
 * out after burning CPU; a connection over the cap is closed before its handshake instead, so that the
 * camera fails fast and backs off by its reconnect schedule. Thread-safe.
 */
final class UpgradeAdmission {

    private final int limit;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final LongAdder refused = new LongAdder();

    UpgradeAdmission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** Takes a slot for a new connection; false (and counted as refused) when all slots are taken. */
    boolean tryAdmit() {
        while (true) {
            int n = inProgress.get();
            if (n >= limit) {
                refused.increment();
                return false;
            }
            if (inProgress.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /**
     * A slot for one admitted connection, to be given back exactly once: when it upgraded or when it
     * closed before, whichever comes first.
     */
    Runnable admitted() {
        AtomicInteger once = new AtomicInteger();
        return () -> {
            if (once.compareAndSet(0, 1)) {
                inProgress.decrementAndGet();
            }
        };
    }

    int inProgress() {
        return inProgress.get();
    }

    long refused() {
        return refused.sum();
    }

    int limit() {
        return limit;
    }
}
