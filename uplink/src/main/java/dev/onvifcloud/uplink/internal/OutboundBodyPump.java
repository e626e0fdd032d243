package dev.onvifcloud.uplink.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2FrameStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends an outgoing body as DATA frames without holding it in memory: a worker thread reads one chunk
 * at a time, the network thread writes it, and the next chunk is read only once fewer than
 * {@link #MAX_CHUNKS_IN_FLIGHT} chunks wait in the HTTP/2 flow controller. The flow controller
 * completes a DATA write only when the peer's window admitted it, so a slow reader on the other side
 * slows this pump down instead of filling memory.
 *
 * <p>All state is confined to the channel's event loop except the blocking read itself.
 */
public final class OutboundBodyPump {

    /** Result callbacks, called on the event loop. */
    public interface Listener {
        void bodySent();

        void bodyFailed(Throwable cause);
    }

    static final int CHUNK_SIZE = 64 * 1024;
    static final int MAX_CHUNKS_IN_FLIGHT = 2;

    private final ChannelHandlerContext ctx;
    private final Http2FrameStream stream;
    private final InputStream in;
    private final OptionalLong length;
    private final Executor workers;
    private final Listener listener;
    /** An in-memory source never blocks: read it on the event loop instead of handing each chunk to a worker. */
    private final boolean inMemory;

    private long sent;
    private int inFlight;
    private boolean reading;
    private boolean eofWritten;
    private boolean done;
    /** Inside {@link #start()}: an in-memory chunk is written right away, without a flush of its own. */
    private boolean starting;

    public OutboundBodyPump(ChannelHandlerContext ctx, Http2FrameStream stream, InputStream in, OptionalLong length,
                            Executor workers, Listener listener) {
        this.ctx = ctx;
        this.stream = stream;
        this.in = in;
        this.length = length;
        this.workers = workers;
        this.listener = listener;
        this.inMemory = in instanceof ByteArrayInputStream;
    }

    /**
     * Starts pumping; call on the event loop right after the HEADERS frame was written (it need not be
     * flushed yet). An in-memory body's first chunk is written at once and <em>not flushed</em>: the
     * caller flushes, so that HEADERS and a small body leave in one flush. Other sources are read on a
     * worker and flushed as they arrive.
     */
    public void start() {
        starting = true;
        try {
            fill();
        } finally {
            starting = false;
        }
    }

    /** Stops pumping (stream reset or closed); call on the event loop. */
    public void cancel() {
        if (!done) {
            done = true;
            closeQuietly();
        }
    }

    private void fill() {
        if (done || reading || eofWritten || inFlight >= MAX_CHUNKS_IN_FLIGHT) {
            return;
        }
        reading = true;
        // a body of known length needs no more than what is left (plus one byte to notice an overlong
        // source): a small body costs a small buffer, not CHUNK_SIZE
        int size = length.isPresent() ? (int) Math.min(CHUNK_SIZE, Math.max(0, length.getAsLong() - sent) + 1)
                : CHUNK_SIZE;
        if (inMemory) {
            readChunk(size);
            return;
        }
        try {
            workers.execute(() -> readChunk(size));
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    private void readChunk(int size) {
        byte[] buffer = new byte[size];
        int n;
        Throwable error = null;
        try {
            n = in.read(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            n = -1;
            error = e;
        }
        int count = n;
        Throwable failure = error;
        if (starting) {
            onChunk(buffer, count, failure); // on the event loop, in start(): bounded by MAX_CHUNKS_IN_FLIGHT
        } else {
            // later chunks (and any read on a worker) come back as a task: no recursion through write listeners
            ctx.executor().execute(() -> onChunk(buffer, count, failure));
        }
    }

    private void onChunk(byte[] buffer, int n, Throwable error) {
        reading = false;
        if (done) {
            return;
        }
        if (error != null) {
            fail(error);
            return;
        }
        boolean end;
        if (n < 0) {
            if (length.isPresent() && sent != length.getAsLong()) {
                fail(new IOException("body ended after " + sent + " of " + length.getAsLong() + " bytes"));
                return;
            }
            n = 0;
            end = true;
        } else {
            sent += n;
            if (length.isPresent() && sent > length.getAsLong()) {
                fail(new IOException("body longer than its declared length " + length.getAsLong()));
                return;
            }
            end = length.isPresent() && sent == length.getAsLong();
        }
        inFlight++;
        if (end) {
            eofWritten = true;
        }
        DefaultHttp2DataFrame frame = new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(buffer, 0, n), end);
        frame.stream(stream);
        ChannelFuture f = starting ? ctx.write(frame) : ctx.writeAndFlush(frame);
        f.addListener(future -> {
            inFlight--;
            if (done) {
                return;
            }
            if (!future.isSuccess()) {
                fail(future.cause());
            } else if (eofWritten && inFlight == 0) {
                done = true;
                closeQuietly();
                listener.bodySent();
            } else {
                fill();
            }
        });
        fill();
    }

    private void fail(Throwable cause) {
        if (!done) {
            done = true;
            closeQuietly();
            listener.bodyFailed(cause);
        }
    }

    private void closeQuietly() {
        Runnable close = () -> {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // closing a source we are done with: nothing left to do
            }
        };
        if (inMemory) {
            close.run();
            return;
        }
        try {
            workers.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }
}
