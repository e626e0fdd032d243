package dev.onvifcloud.uplink.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Uplink liveness (Uplink specification, "Connection Management"): sends an HTTP/2 PING when nothing
 * was received for {@code pingAfterIdle}, and closes the connection when nothing was received for
 * {@code receiveTimeout} (the spec's 30 seconds). Sits after the {@code Http2FrameCodec}, so every
 * frame received, PING acknowledgements included, counts as a sign of life.
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
    private Future<?> ticker;

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
        ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), period, period, TimeUnit.NANOSECONDS);
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

    private void tick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        long idle = now - lastReadNanos;
        if (idle >= receiveTimeoutNanos) {
            stop();
            observer.problem("nothing received for more than " + format(receiveTimeout));
            ctx.close();
        } else if (idle >= pingAfterIdleNanos && now - lastPingNanos >= pingAfterIdleNanos) {
            lastPingNanos = now;
            ctx.writeAndFlush(new DefaultHttp2PingFrame(++pingCounter));
        }
    }

    private void stop() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
