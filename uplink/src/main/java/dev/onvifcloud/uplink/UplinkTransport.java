package dev.onvifcloud.uplink;

import dev.onvifcloud.uplink.internal.TransportThreads;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Threads shared by any number of connectors and acceptors: network I/O threads, and worker threads
 * that run request handlers and read or write bodies (which may block). Many uplinks (a fleet of
 * simulated cameras, or all sessions of a cloud node) should share one transport. Whoever creates a
 * transport closes it, after the connectors and acceptors that use it.
 *
 * <p>Its threads are named after the transport ({@code NAME-io-P-T} for I/O, {@code NAME-worker-N} for workers;
 * {@value #DEFAULT_NAME} unless given), so that thread dumps, profiles and {@code top -H} tell a node's uplinks from
 * a fleet's cameras in one process.
 */
public final class UplinkTransport implements AutoCloseable {

    /** The name of a transport created without one. */
    public static final String DEFAULT_NAME = "uplink";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

    private final TransportThreads threads;

    private UplinkTransport(String name, int ioThreadCount) {
        this.threads = new TransportThreads(name, ioThreadCount);
    }

    /** A transport named {@value #DEFAULT_NAME} with one I/O thread per core. */
    public static UplinkTransport create() {
        return create(DEFAULT_NAME);
    }

    /** A transport named {@value #DEFAULT_NAME}. */
    public static UplinkTransport create(int ioThreadCount) {
        return create(DEFAULT_NAME, ioThreadCount);
    }

    /** A transport with one I/O thread per core whose threads are named after {@code name}. */
    public static UplinkTransport create(String name) {
        return create(name, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param name what the threads' names start with: 1 to 80 letters, digits, '.', '_' or '-', starting with a letter
     *     or digit
     * @param ioThreadCount how many I/O threads, at least one
     */
    public static UplinkTransport create(String name, int ioThreadCount) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 80 letters, digits, '.', '_' or '-', not '" + name
                    + "'");
        }
        if (ioThreadCount < 1) {
            throw new IllegalArgumentException("ioThreadCount must be positive: " + ioThreadCount);
        }
        return new UplinkTransport(name, ioThreadCount);
    }

    /** Not API: used by this module's connectors and acceptors. */
    public TransportThreads threads() {
        return threads;
    }

    @Override
    public void close() {
        threads.close();
    }
}
