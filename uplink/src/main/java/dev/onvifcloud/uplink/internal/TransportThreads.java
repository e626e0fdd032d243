package dev.onvifcloud.uplink.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The I/O event loops and the worker pool behind an {@code UplinkTransport}. */
public final class TransportThreads {

    private final EventLoopGroup ioThreads;
    private final ExecutorService workers;

    /** Threads named {@code name-io-...} and {@code name-worker-N}. */
    public TransportThreads(String name, int ioThreadCount) {
        this.ioThreads = new MultiThreadIoEventLoopGroup(ioThreadCount,
                new DefaultThreadFactory(name + "-io", true), NioIoHandler.newFactory());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public EventLoopGroup ioThreads() {
        return ioThreads;
    }

    public ExecutorService workers() {
        return workers;
    }

    public void close() {
        ioThreads.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
    }
}
