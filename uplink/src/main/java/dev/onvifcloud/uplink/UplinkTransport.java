package dev.onvifcloud.uplink;

import dev.onvifcloud.uplink.internal.TransportThreads;

/**
 * Threads shared by any number of connectors and acceptors: network I/O threads, and worker threads
 * that run request handlers and read or write bodies (which may block). Many uplinks (a fleet of
 * simulated cameras, or all sessions of a cloud node) should share one transport. Whoever creates a
 * transport closes it, after the connectors and acceptors that use it.
 */
public final class UplinkTransport implements AutoCloseable {

    private final TransportThreads threads;

    private UplinkTransport(int ioThreadCount) {
        this.threads = new TransportThreads(ioThreadCount);
    }

    /** A transport with one I/O thread per core. */
    public static UplinkTransport create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    public static UplinkTransport create(int ioThreadCount) {
        if (ioThreadCount < 1) {
            throw new IllegalArgumentException("ioThreadCount must be positive: " + ioThreadCount);
        }
        return new UplinkTransport(ioThreadCount);
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
