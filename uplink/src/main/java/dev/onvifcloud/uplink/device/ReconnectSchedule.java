package dev.onvifcloud.uplink.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

/**
 * The individual ascending reconnect interval the Uplink specification asks of every camera
 * ("Camera A: 3s, 6s, 12s, 24s, 30s, 30s ..."). Each camera's first interval lies between
 * {@code shortestStart} and {@code longestStart}, at a point derived from its identity (the same on
 * every boot, different between cameras); each failure doubles it up to {@code maximum}, and a random
 * part of up to {@code jitter} (a fraction) is taken off each interval so that cameras that share a
 * starting point still drift apart.
 */
public record ReconnectSchedule(Duration shortestStart, Duration longestStart, Duration maximum, double jitter) {

    public ReconnectSchedule {
        Objects.requireNonNull(shortestStart, "shortestStart");
        Objects.requireNonNull(longestStart, "longestStart");
        Objects.requireNonNull(maximum, "maximum");
        if (shortestStart.isNegative() || shortestStart.isZero()) {
            throw new IllegalArgumentException("shortestStart must be positive");
        }
        if (longestStart.compareTo(shortestStart) < 0) {
            throw new IllegalArgumentException("longestStart must not be shorter than shortestStart");
        }
        if (maximum.compareTo(longestStart) < 0) {
            throw new IllegalArgumentException("maximum must not be shorter than longestStart");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    /** First interval 2..4 s, doubling up to 30 s, up to 10 % jitter. */
    public static ReconnectSchedule defaults() {
        return new ReconnectSchedule(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(30), 0.1);
    }

    /** The first interval of the camera with this identity, before jitter. */
    public Duration start(String cameraIdentity) {
        long span = longestStart.toMillis() - shortestStart.toMillis();
        if (span == 0) {
            return shortestStart;
        }
        return shortestStart.plusMillis(Math.floorMod(hash(cameraIdentity), span + 1));
    }

    /**
     * The interval before reconnect attempt number {@code failures} (0 after the first failure).
     *
     * @param random a uniformly distributed number in [0, 1)
     */
    public Duration delay(String cameraIdentity, int failures, double random) {
        long base = start(cameraIdentity).toMillis();
        long max = maximum.toMillis();
        long millis = base;
        for (int i = 0; i < failures && millis < max; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, max);
        return Duration.ofMillis(Math.max(1, Math.round(millis * (1 - jitter * random))));
    }

    private static long hash(String identity) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
