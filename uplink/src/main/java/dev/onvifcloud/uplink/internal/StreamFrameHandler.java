package dev.onvifcloud.uplink.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Common ground of both frame-level handlers, which sit right after an {@code Http2FrameCodec}:
 * flow-control credit, resets, stream-closed events and connection-level errors.
 */
abstract class StreamFrameHandler extends Http2ChannelDuplexHandler {

    protected final Executor workers;
    protected final TunnelObserver observer;
    private final int connectionWindow;
    protected ChannelHandlerContext ctx;
    /** Inside channelRead: writes need no flush of their own, the codec flushes at read complete. */
    private boolean reading;

    StreamFrameHandler(Executor workers, TunnelObserver observer, int connectionWindow) {
        this.workers = workers;
        this.observer = observer;
        this.connectionWindow = connectionWindow;
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        int increase = connectionWindow - 65_535;
        if (increase > 0 && ctx.channel().isActive()) {
            ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(increase));
        }
    }

    /** Returns flow-control credit for consumed DATA bytes of a stream; callable from any thread. */
    protected final void returnCredit(Http2FrameStream stream, int bytes) {
        if (bytes <= 0) {
            return;
        }
        if (ctx.executor().inEventLoop()) {
            if (stream.state() != Http2Stream.State.CLOSED && ctx.channel().isActive()) {
                writeOnLoop(new DefaultHttp2WindowUpdateFrame(bytes).stream(stream));
            }
        } else {
            onEventLoop(() -> returnCredit(stream, bytes));
        }
    }

    protected final void reset(Http2FrameStream stream, Http2Error error) {
        if (stream.state() != Http2Stream.State.CLOSED && stream.id() > 0 && ctx.channel().isActive()) {
            writeOnLoop(new DefaultHttp2ResetFrame(error).stream(stream));
        }
    }

    /**
     * Writes a frame on the event loop; flushes unless called from {@link #channelRead}, after which the
     * HTTP/2 codec flushes once for the whole read (Http2ConnectionHandler#channelReadComplete).
     */
    protected final ChannelFuture writeOnLoop(Object frame) {
        return reading ? ctx.write(frame) : ctx.writeAndFlush(frame);
    }

    /** Flushes, unless inside {@link #channelRead} (the codec flushes when the read completes). */
    protected final void flushUnlessReading() {
        if (!reading) {
            ctx.flush();
        }
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        try {
            frameRead(ctx, msg);
        } finally {
            reading = false;
        }
    }

    /** A frame from the codec; writes made here are flushed when the read completes. */
    protected abstract void frameRead(ChannelHandlerContext ctx, Object msg) throws Exception;

    protected final void onEventLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // the event loop is shutting down; the connection and its streams are gone
        }
    }

    protected static byte[] bytesOf(Http2DataFrame data) {
        return ByteBufUtil.getBytes(data.content());
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof Http2FrameStreamEvent event && event.type() == Http2FrameStreamEvent.Type.State
                && event.stream().state() == Http2Stream.State.CLOSED) {
            streamClosed(event.stream());
        }
        super.userEventTriggered(ctx, evt);
    }

    /** A stream reached state CLOSED (both ends done, reset, GOAWAY or connection loss). */
    protected abstract void streamClosed(Http2FrameStream stream);

    protected void goAway(Http2GoAwayFrame frame) {
        observer.problem("GOAWAY received (" + describe(frame.errorCode()) + ")");
    }

    protected static String describe(long errorCode) {
        Http2Error error = Http2Error.valueOf(errorCode);
        return error != null ? error.name() : "error code " + errorCode;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException) {
            // a stream error: the codec already reset that one stream; its closed event cleans up
            return;
        }
        Http2Exception http2 = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        if (http2 != null) {
            // a connection error: the codec sends GOAWAY with its code and closes; closing here first
            // would send GOAWAY NO_ERROR instead
            observer.problem("HTTP/2 connection error " + http2.error() + ": " + http2.getMessage());
            return;
        }
        observer.problem(Problems.describe(cause));
        ctx.close();
    }

    protected static void release(Object msg) {
        ReferenceCountUtil.release(msg);
    }
}
