package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkException.Reason;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The cloud's HTTP/2 client role, at frame level right after {@code Http2FrameCodec.forClient()}.
 *
 * <p>Requests beyond the concurrent-stream limit (ours, and the camera's SETTINGS_MAX_CONCURRENT_STREAMS)
 * wait in a bounded queue and start as streams close; when the queue is full a request fails fast with
 * {@link Reason#TOO_MANY_PENDING_REQUESTS}. The request timeout covers the wait in the queue and ends
 * when the response headers arrive; the response body then streams for as long as it takes. A response
 * whose {@code content-length} is at most {@link Http2Messages#IN_MEMORY_BODY_LIMIT} is collected on the
 * event loop and delivered with its complete body (the timeout then covers the body too).
 *
 * <p>Futures complete on the {@code completions} executor: one hand-off per response. A request sent
 * from the event loop itself starts without a hand-off; HEADERS and an in-memory body leave in one flush.
 */
public final class ReverseHttp2ClientHandler extends StreamFrameHandler<ReverseHttp2ClientHandler.Exchange> {

    private final int maxConcurrentStreams;
    private final int maxPendingRequests;
    private final Executor completions;
    private final ArrayDeque<Exchange> pending = new ArrayDeque<>();
    private Http2Connection connection;
    private boolean closed;
    private String closeReason = "uplink session closed";

    public ReverseHttp2ClientHandler(int maxConcurrentStreams, int maxPendingRequests, Executor workers,
                                     Executor completions, TunnelObserver observer, int connectionWindow) {
        super(workers, observer, connectionWindow);
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.maxPendingRequests = maxPendingRequests;
        this.completions = completions;
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        super.handlerAdded0(ctx);
        connection = ctx.pipeline().get(Http2FrameCodec.class).connection();
    }

    /** Sends a request; callable from any thread. */
    public CompletableFuture<UplinkResponse> send(UplinkRequest request, Duration timeout) {
        CompletableFuture<UplinkResponse> future = new CompletableFuture<>();
        Exchange ex = new Exchange(request, future);
        try {
            if (ctx.executor().inEventLoop()) {
                submit(ex, timeout);
            } else {
                ctx.executor().execute(() -> submit(ex, timeout));
            }
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new UplinkException(Reason.SESSION_CLOSED, closeReason));
        }
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                onEventLoop(() -> ex.cancel(Http2Error.CANCEL));
            }
        });
        return future;
    }

    /** Why requests fail once the session is closed; call before closing the channel. */
    public void closeReason(String reason) {
        if (ctx.executor().inEventLoop()) {
            closeReason = reason;
        } else {
            onEventLoop(() -> closeReason = reason);
        }
    }

    private void submit(Exchange ex, Duration timeout) {
        if (closed || !ctx.channel().isActive() || connection.goAwayReceived()) {
            ex.fail(Reason.SESSION_CLOSED, closeReason);
            return;
        }
        if (pending.size() >= maxPendingRequests) {
            ex.fail(Reason.TOO_MANY_PENDING_REQUESTS,
                    "more than " + maxPendingRequests + " requests wait for a free stream");
            return;
        }
        ex.timeout = ctx.executor().schedule(() -> ex.timedOut(timeout), timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.add(ex);
        drain();
    }

    private void drain() {
        while (!pending.isEmpty() && !closed && exchanges.size() < maxConcurrentStreams
                && connection.local().canOpenStream() && !connection.goAwayReceived()) {
            start(pending.poll());
        }
    }

    private void start(Exchange ex) {
        Http2FrameStream stream = newStream();
        ex.stream = stream;
        exchanges.put(stream, ex);
        boolean empty = ex.request.body().isEmpty();
        ChannelFuture headers = ctx.write(
                new DefaultHttp2HeadersFrame(Http2Messages.requestHeaders(ex.request), empty).stream(stream));
        headers.addListener(f -> {
            if (!f.isSuccess() && !ex.headersFailed) {
                ex.headersFailed = true;
                // Http2FrameCodec does not close a stream whose HEADERS failed to encode (for
                // example over the peer's header list limit): reset it, or it holds a slot forever
                reset(stream, Http2Error.CANCEL);
                exchanges.remove(stream);
                ex.fail(closed ? Reason.SESSION_CLOSED : Reason.PROTOCOL_ERROR,
                        "cannot open a stream: " + Problems.describe(f.cause()));
                drain();
            }
        });
        // right behind the HEADERS (never after HEADERS that failed at once): an in-memory body goes out
        // in the same flush
        if (!empty && !ex.headersFailed && !ex.isAbandoned()) {
            ex.pump = new OutboundBodyPump(ctx, stream, ex.request.body().stream(), ex.request.body().length(),
                    workers, ex);
            ex.pump.start();
        }
        flushUnlessReading();
    }

    @Override
    protected void frameRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            Exchange ex = exchanges.get(headers.stream());
            if (ex != null) {
                ex.onHeaders(headers);
            }
        } else if (msg instanceof Http2DataFrame data) {
            onData(data);
        } else if (msg instanceof Http2ResetFrame rst) {
            Exchange ex = exchanges.remove(rst.stream());
            if (ex != null) {
                ex.abort(Reason.STREAM_RESET, "stream reset by the camera (" + describe(rst.errorCode()) + ")",
                        rst.errorCode() == Http2Error.NO_ERROR.code());
                drain();
            }
        } else if (msg instanceof Http2GoAwayFrame goAway) {
            goAway(goAway);
            release(msg);
            closeReason = "the camera sent GOAWAY";
            failPending(Reason.SESSION_CLOSED, closeReason);
            ctx.close();
        } else {
            release(msg);
        }
    }

    @Override
    protected void streamFailed(Exchange ex, String problem) {
        ex.abort(Reason.PROTOCOL_ERROR, "malformed response: " + problem, false);
        drain();
    }

    @Override
    protected void streamClosed(Http2FrameStream stream) {
        Exchange ex = exchanges.remove(stream);
        if (ex != null) {
            ex.abort(closed ? Reason.SESSION_CLOSED : Reason.STREAM_RESET,
                    closed ? closeReason : "stream closed before the response completed", false);
        }
        drain();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        failPending(Reason.SESSION_CLOSED, closeReason);
        for (Exchange ex : removeAll()) {
            ex.abort(Reason.SESSION_CLOSED, closeReason, false);
        }
        super.channelInactive(ctx);
    }

    private void failPending(Reason reason, String message) {
        Exchange ex;
        while ((ex = pending.poll()) != null) {
            ex.fail(reason, message);
        }
    }

    /** One request/response; fields are confined to the event loop. */
    final class Exchange extends StreamExchange implements OutboundBodyPump.Listener {
        final UplinkRequest request;
        final CompletableFuture<UplinkResponse> future;
        io.netty.util.concurrent.Future<?> timeout;
        OutboundBodyPump pump;
        boolean responded;
        boolean headersFailed;
        /** The head of a small response whose body is being collected in memory. */
        int status;
        UplinkHeaders fields;

        Exchange(UplinkRequest request, CompletableFuture<UplinkResponse> future) {
            super(ReverseHttp2ClientHandler.this);
            this.request = request;
            this.future = future;
        }

        /** Failed, timed out or cancelled before a response arrived. */
        boolean isAbandoned() {
            return future.isDone() && !responded;
        }

        void onHeaders(Http2HeadersFrame frame) {
            if (isCollecting()) {
                // trailers of a body being collected: their fields are dropped, they may end it
                if (frame.isEndStream()) {
                    collectedEnd();
                }
                return;
            }
            if (responded) {
                // trailers end the body; their fields are dropped
                if (frame.isEndStream() && body != null) {
                    body.end();
                }
                return;
            }
            UplinkResponse response;
            try {
                int status = Http2Messages.status(frame.headers());
                if (status >= 100 && status < 200) {
                    if (frame.isEndStream()) {
                        throw new IllegalArgumentException("informational response ends the stream");
                    }
                    return;
                }
                int collect = Http2Messages.collectableLength(frame.headers(), frame.isEndStream());
                if (collect > 0) {
                    this.status = status;
                    fields = Http2Messages.fields(frame.headers());
                    collectBody(collect);
                    return; // delivered once the body is complete; the timeout keeps running
                }
                body = frame.isEndStream() ? InboundBody.ended(this) : new InboundBody(this);
                response = Http2Messages.response(frame.headers(), body, frame.isEndStream());
            } catch (IllegalArgumentException e) {
                exchanges.remove(stream);
                reset(stream, Http2Error.PROTOCOL_ERROR);
                fail(Reason.PROTOCOL_ERROR, "malformed response: " + e.getMessage());
                drain();
                return;
            }
            responded = true;
            cancelTimeout();
            complete(response);
        }

        @Override
        protected void bodyCollected(byte[] bytes) {
            responded = true;
            cancelTimeout();
            complete(new UplinkResponse(status, fields, UplinkBody.of(bytes)));
        }

        @Override
        protected void bodyMalformed() {
            exchanges.remove(stream);
            reset(stream, Http2Error.PROTOCOL_ERROR);
            fail(Reason.PROTOCOL_ERROR, "response body does not match its content-length");
            drain();
        }

        private void complete(UplinkResponse response) {
            try {
                completions.execute(() -> future.complete(response));
            } catch (RejectedExecutionException e) {
                future.complete(response);
            }
        }

        void fail(Reason reason, String message) {
            fail(new UplinkException(reason, message));
        }

        void fail(UplinkException error) {
            cancelTimeout();
            if (pump != null) {
                pump.cancel();
            }
            try {
                completions.execute(() -> future.completeExceptionally(error));
            } catch (RejectedExecutionException e) {
                future.completeExceptionally(error);
            }
        }

        /** The stream ended abnormally (already removed from {@code active}). */
        void abort(Reason reason, String message, boolean gracefulReset) {
            if (!responded) {
                fail(reason, message);
            } else {
                if (pump != null) {
                    pump.cancel();
                }
                // body is null when the response came complete, collected in memory
                if (body != null && !(gracefulReset && body.isEnded())) {
                    body.fail(new IOException(message));
                }
            }
        }

        void timedOut(Duration after) {
            if (responded || future.isDone()) {
                return;
            }
            if (pending.remove(this)) {
                fail(Reason.REQUEST_TIMEOUT, "no free stream within " + after);
                return;
            }
            if (stream != null && exchanges.remove(stream) != null) {
                reset(stream, Http2Error.CANCEL);
                drain();
            }
            fail(Reason.REQUEST_TIMEOUT, "no response within " + after);
        }

        void cancel(Http2Error error) {
            pending.remove(this);
            if (stream != null && exchanges.remove(stream) != null) {
                reset(stream, error);
                if (pump != null) {
                    pump.cancel();
                }
                if (body != null) {
                    body.fail(new IOException("request cancelled"));
                }
                drain();
            }
            cancelTimeout();
        }

        private void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
            }
        }

        @Override
        public void abandoned() {
            onEventLoop(() -> cancel(Http2Error.CANCEL));
        }

        @Override
        public void bodySent() {
            // the request is complete; the response may still be arriving
        }

        @Override
        public void bodyFailed(Throwable cause) {
            if (exchanges.remove(stream) != null) {
                reset(stream, Http2Error.CANCEL);
                drain();
            }
            if (!responded) {
                fail(new UplinkException(Reason.BODY_FAILED,
                        "sending the request body failed: " + Problems.describe(cause), cause));
            } else if (body != null) {
                body.fail(new IOException("request body failed", cause));
            }
        }
    }
}
