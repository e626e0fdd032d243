package dev.onvifcloud.uplink;

import java.time.Duration;
import java.util.Objects;

/**
 * HTTP/2 limits of one tunnel, the same on both sides.
 *
 * @param maxConcurrentStreams  streams open at once: advertised by the camera as
 *                              SETTINGS_MAX_CONCURRENT_STREAMS, and the cloud session's own limit
 * @param maxHeaderListSize     SETTINGS_MAX_HEADER_LIST_SIZE we accept (decoded size, bytes)
 * @param initialStreamWindow   flow-control window per stream we grant the peer (bytes); bounds what
 *                              a stream buffers before its reader catches up
 * @param connectionWindow      flow-control window of the whole connection we grant the peer (bytes)
 * @param maxResetsPerWindow    RST_STREAM frames tolerated from the peer per {@code resetWindow}
 *                              before the connection is closed with GOAWAY ENHANCE_YOUR_CALM
 *                              (rapid-reset protection)
 * @param resetWindow           the window for {@code maxResetsPerWindow}, whole seconds
 * @param gracefulShutdown      how long a closing connection waits for open streams after GOAWAY
 */
public record UplinkLimits(int maxConcurrentStreams, long maxHeaderListSize, int initialStreamWindow,
                           int connectionWindow, int maxResetsPerWindow, Duration resetWindow,
                           Duration gracefulShutdown) {

    public static final int MIN_WINDOW = 65_535;

    public UplinkLimits {
        Objects.requireNonNull(resetWindow, "resetWindow");
        Objects.requireNonNull(gracefulShutdown, "gracefulShutdown");
        if (maxConcurrentStreams < 1) {
            throw new IllegalArgumentException("maxConcurrentStreams must be positive: " + maxConcurrentStreams);
        }
        if (maxHeaderListSize < 1024) {
            throw new IllegalArgumentException("maxHeaderListSize must be at least 1024: " + maxHeaderListSize);
        }
        if (initialStreamWindow < MIN_WINDOW || connectionWindow < MIN_WINDOW) {
            throw new IllegalArgumentException("flow-control windows must be at least " + MIN_WINDOW);
        }
        if (maxResetsPerWindow < 1) {
            throw new IllegalArgumentException("maxResetsPerWindow must be positive: " + maxResetsPerWindow);
        }
        if (resetWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("resetWindow must be at least one second: " + resetWindow);
        }
        if (gracefulShutdown.isNegative()) {
            throw new IllegalArgumentException("gracefulShutdown must not be negative: " + gracefulShutdown);
        }
    }

    /** 100 streams, 16 KiB header lists, 256 KiB per stream, 4 MiB per connection, 200 resets per 30 s. */
    public static UplinkLimits defaults() {
        return new UplinkLimits(100, 16 * 1024, 256 * 1024, 4 * 1024 * 1024, 200, Duration.ofSeconds(30),
                Duration.ofSeconds(2));
    }

    public UplinkLimits withMaxConcurrentStreams(int value) {
        return new UplinkLimits(value, maxHeaderListSize, initialStreamWindow, connectionWindow, maxResetsPerWindow,
                resetWindow, gracefulShutdown);
    }

    public UplinkLimits withMaxHeaderListSize(long value) {
        return new UplinkLimits(maxConcurrentStreams, value, initialStreamWindow, connectionWindow, maxResetsPerWindow,
                resetWindow, gracefulShutdown);
    }

    public UplinkLimits withResets(int maxResets, Duration window) {
        return new UplinkLimits(maxConcurrentStreams, maxHeaderListSize, initialStreamWindow, connectionWindow,
                maxResets, window, gracefulShutdown);
    }
}
