package dev.onvifcloud.uplink.internal;

import io.netty.buffer.ByteBuf;
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

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Common ground of both frame-level handlers, which sit right after an {@code Http2FrameCodec}: the
 * exchanges by stream, incoming DATA (a small body of declared length collected in memory, any other
 * streamed through an {@link InboundBody}), flow-control credit, resets, stream-closed events and
 * connection-level errors.
 *
 * @param <E> the role's exchange (one request/response)
 */
abstract class StreamFrameHandler<E extends StreamFrameHandler.StreamExchange> extends Http2ChannelDuplexHandler {

    /** The exchanges whose stream is open, by stream; confined to the event loop. */
    protected final Map<Http2FrameStream, E> exchanges = new IdentityHashMap<>();
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

    /**
     * A DATA frame: into the exchange's collected body (credit goes back at once, the bytes are in
     * memory) or its streamed body (credit goes back as the reader consumes it); credit for DATA nobody
     * takes goes back at once.
     */
    protected final void onData(Http2DataFrame data) {
        int credit = data.initialFlowControlledBytes();
        E ex = exchanges.get(data.stream());
        if (ex != null && ex.isCollecting()) {
            try {
                ex.collect(data.content(), data.isEndStream());
            } finally {
                data.release();
            }
            // flushed once, after this read
            returnCredit(data.stream(), credit);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(data.content());
        } finally {
            data.release();
        }
        if (ex == null || ex.body == null || !ex.body.offer(bytes, credit, data.isEndStream())) {
            returnCredit(data.stream(), credit);
        }
        if (ex != null && data.isEndStream()) {
            ex.inboundEnded = true;
        }
    }

    /** Removes every exchange (the connection is gone), in no particular order. */
    protected final List<E> removeAll() {
        List<E> all = new ArrayList<>(exchanges.values());
        exchanges.clear();
        return all;
    }

    /**
     * One request/response on one stream, confined to the event loop. Its incoming body (the request on
     * the camera, the response on the cloud) is either collected in memory ({@link #collectBody}) or
     * streamed through {@link #body}.
     */
    abstract static class StreamExchange implements InboundBody.Owner {
        private final StreamFrameHandler<?> handler;
        /** The stream; null until the cloud opened it. */
        protected Http2FrameStream stream;
        /** The streamed incoming body; null while collecting, or when there is none. */
        protected InboundBody body;
        /** The peer's side of the stream ended (END_STREAM received). */
        protected boolean inboundEnded;
        private byte[] collected;
        private int filled;

        StreamExchange(StreamFrameHandler<?> handler) {
            this.handler = handler;
        }

        /** Collects the incoming body of {@code length} (> 0) bytes in memory; DATA goes to {@link #collect}. */
        protected final void collectBody(int length) {
            collected = new byte[length];
            filled = 0;
        }

        protected final boolean isCollecting() {
            return collected != null;
        }

        /** DATA of a body being collected. */
        final void collect(ByteBuf content, boolean end) {
            int n = content.readableBytes();
            if (n > collected.length - filled) {
                // more than content-length said (the codec checks this too)
                collected = null;
                bodyMalformed();
                return;
            }
            content.readBytes(collected, filled, n);
            filled += n;
            if (end) {
                inboundEnded = true;
                collectedEnd();
            }
        }

        /** The body being collected ended (END_STREAM on DATA or trailers): delivers or rejects it. */
        protected final void collectedEnd() {
            byte[] bytes = collected;
            collected = null;
            if (filled != bytes.length) {
                bodyMalformed();
            } else {
                bodyCollected(bytes);
            }
        }

        /** The whole collected body. */
        protected abstract void bodyCollected(byte[] bytes);

        /** The collected body does not match its content-length: a stream error. */
        protected abstract void bodyMalformed();

        @Override
        public final void consumed(int flowControlledBytes) {
            handler.returnCredit(stream, flowControlledBytes);
        }
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof Http2FrameStreamEvent event && event.type() == Http2FrameStreamEvent.Type.State
                && event.stream().state() == Http2Stream.State.CLOSED) {
            streamClosed(event.stream());
        }
        super.userEventTriggered(ctx, evt);
    }

    /** The peer sent something malformed on the exchange's stream; it was reset and removed already. */
    protected abstract void streamFailed(E exchange, String problem);

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
        if (cause instanceof Http2FrameStreamException e) {
            // a stream error in what the peer sent (malformed headers, a body other than its
            // content-length, ...): Http2FrameCodec leaves resetting the stream to us
            E ex = exchanges.remove(e.stream());
            reset(e.stream(), e.error());
            if (ex != null) {
                streamFailed(ex, e.error().name() + ": " + Problems.describe(e.getCause()));
            }
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
