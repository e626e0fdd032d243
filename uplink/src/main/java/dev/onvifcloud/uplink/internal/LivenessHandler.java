package dev.onvifcloud.uplink.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Uplink liveness (Uplink specification, "Connection Management"): sends an HTTP/2 PING when nothing
 * was received for {@code pingAfterIdle}, and closes the connection when nothing was received for
 * {@code receiveTimeout} (the spec's 30 seconds). Sits after the {@code Http2FrameCodec}, so every
 * frame received, PING acknowledgements included, counts as a sign of life. Checked every quarter of the shorter of
 * the two durations (at least every 10 ms) by the {@link LivenessSweep} of the channel's event loop, which checks all
 * of that loop's connections at once.
 */
public final class LivenessHandler extends ChannelDuplexHandler {

    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long pingAfterIdleNanos;
    private final long receiveTimeoutNanos;
    private final TunnelObserver observer;
    private final Duration receiveTimeout;
    private long lastReadNanos;
    private long lastPingNanos;
    private long pingCounter;
    private ChannelHandlerContext ctx;
    private LivenessSweep sweep; // null once stopped

    public LivenessHandler(Duration pingAfterIdle, Duration receiveTimeout, TunnelObserver observer) {
        this.pingAfterIdleNanos = pingAfterIdle.toNanos();
        this.receiveTimeoutNanos = receiveTimeout.toNanos();
        this.receiveTimeout = receiveTimeout;
        this.observer = observer;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        lastPingNanos = lastReadNanos - pingAfterIdleNanos;
        long period = Math.max(MIN_TICK_NANOS, Math.min(pingAfterIdleNanos, receiveTimeoutNanos) / 4);
        this.ctx = ctx;
        sweep = LivenessSweep.join(ctx.executor(), period, this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lastReadNanos = System.nanoTime();
        super.channelRead(ctx, msg);
    }

    /** One check, at {@code now} ({@link System#nanoTime()}): by the sweep, on the channel's event loop. */
    void tick(long now) {
        if (sweep == null) {
            return;
        }
        if (!ctx.channel().isActive()) {
            stop();
            return;
        }
        long idle = now - lastReadNanos;
        if (idle >= receiveTimeoutNanos) {
            stop();
            try {
                observer.problem("nothing received for more than " + format(receiveTimeout));
            } finally {
                ctx.close();
            }
        } else if (idle >= pingAfterIdleNanos && now - lastPingNanos >= pingAfterIdleNanos) {
            lastPingNanos = now;
            ctx.writeAndFlush(new DefaultHttp2PingFrame(++pingCounter));
        }
    }

    /** A tick failed: the channel's pipeline hears of it; the sweep goes on for the others. */
    void failed(RuntimeException e) {
        if (ctx != null) {
            ctx.fireExceptionCaught(e);
        }
    }

    private void stop() {
        if (sweep != null) {
            sweep.leave(this);
            sweep = null;
        }
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
