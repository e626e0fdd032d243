package dev.onvifcloud.cloud.http;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the API server listens and the limits it enforces on every connection and request.
 *
 * @param bindAddress the local address to listen on
 * @param port the TCP port, 0 for any free port
 * @param maxBodyBytes largest request body; a larger one is answered 413 (default 1 MiB)
 * @param maxHeaderBytes largest request header block; a larger one is answered 431 (default 16 KiB)
 * @param maxInitialLineBytes longest request line; a longer one is answered 414 (default 8 KiB)
 * @param idleTimeout a connection with neither traffic nor a request in progress for this long is closed (default 60 s)
 * @param handshakeTimeout a TLS handshake not done in this time closes the connection (default 10 s)
 * @param maxConcurrentStreams HTTP/2 streams a client may open at once on one connection (default 100)
 */
public record ApiServerSettings(
        InetAddress bindAddress,
        int port,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxInitialLineBytes,
        Duration idleTimeout,
        Duration handshakeTimeout,
        int maxConcurrentStreams) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1_048_576;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 8 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;

    public ApiServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535");
        }
        requireRange(maxBodyBytes, 1, Integer.MAX_VALUE, "maxBodyBytes");
        requireRange(maxHeaderBytes, 1024, 1 << 20, "maxHeaderBytes");
        requireRange(maxInitialLineBytes, 256, 1 << 20, "maxInitialLineBytes");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requireRange(maxConcurrentStreams, 1, 10_000, "maxConcurrentStreams");
    }

    /** The defaults on {@code bindAddress} and {@code port}. */
    public static ApiServerSettings defaults(InetAddress bindAddress, int port) {
        return new ApiServerSettings(bindAddress, port, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_INITIAL_LINE_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_STREAMS);
    }

    /** The defaults on the loopback address and any free port: for tests and demos. */
    public static ApiServerSettings loopback() {
        return defaults(InetAddress.getLoopbackAddress(), 0);
    }

    public ApiServerSettings withPort(int value) {
        return new ApiServerSettings(bindAddress, value, maxBodyBytes, maxHeaderBytes, maxInitialLineBytes,
                idleTimeout, handshakeTimeout, maxConcurrentStreams);
    }

    public ApiServerSettings withMaxBodyBytes(int value) {
        return new ApiServerSettings(bindAddress, port, value, maxHeaderBytes, maxInitialLineBytes,
                idleTimeout, handshakeTimeout, maxConcurrentStreams);
    }

    public ApiServerSettings withMaxHeaderBytes(int value) {
        return new ApiServerSettings(bindAddress, port, maxBodyBytes, value, maxInitialLineBytes,
                idleTimeout, handshakeTimeout, maxConcurrentStreams);
    }

    public ApiServerSettings withIdleTimeout(Duration value) {
        return new ApiServerSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, maxInitialLineBytes,
                value, handshakeTimeout, maxConcurrentStreams);
    }

    private static void requireRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", not " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
