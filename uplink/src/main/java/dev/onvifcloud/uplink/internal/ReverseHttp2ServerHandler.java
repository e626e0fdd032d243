package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The camera's HTTP/2 server role, at frame level right after {@code Http2FrameCodec.forServer()}.
 * Deliberately not {@code Http2MultiplexHandler}: that one decides its role from whether the socket was
 * accepted, and on a camera (which connected) it mistakes the cloud's stream 1 for an h2c upgrade stream.
 *
 * <p>Each request is handed to the {@link UplinkRequestHandler} on a worker thread as soon as its
 * HEADERS arrive; its body streams in while the handler runs.
 */
public final class ReverseHttp2ServerHandler extends StreamFrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseHttp2ServerHandler.class);

    private final UplinkRequestHandler handler;
    private final UserLevel level;
    private final Map<Http2FrameStream, Exchange> exchanges = new IdentityHashMap<>();

    public ReverseHttp2ServerHandler(UplinkRequestHandler handler, UserLevel level, Executor workers,
                                     TunnelObserver observer, int connectionWindow) {
        super(workers, observer, connectionWindow);
        this.handler = handler;
        this.level = level;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame headers) {
            onHeaders(headers);
        } else if (msg instanceof Http2DataFrame data) {
            onData(data);
        } else if (msg instanceof Http2ResetFrame rst) {
            Exchange ex = exchanges.remove(rst.stream());
            if (ex != null) {
                ex.abort(new IOException("stream reset by the cloud (" + describe(rst.errorCode()) + ")"));
            }
        } else if (msg instanceof Http2GoAwayFrame goAway) {
            goAway(goAway);
            release(msg);
            ctx.close();
        } else {
            release(msg);
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        Exchange existing = exchanges.get(frame.stream());
        if (existing != null) {
            // trailers: dropped, they only end the body
            if (frame.isEndStream()) {
                existing.body.end();
            }
            return;
        }
        Exchange ex = new Exchange(frame.stream());
        if (frame.isEndStream()) {
            ex.body.end();
        }
        UplinkRequest request;
        try {
            request = Http2Messages.request(frame.headers(), ex.body, frame.isEndStream());
        } catch (IllegalArgumentException e) {
            writeHeaders(frame.stream(), new DefaultHttp2Headers().status("400"), true);
            return;
        }
        exchanges.put(frame.stream(), ex);
        try {
            workers.execute(() -> ex.dispatch(request));
        } catch (RejectedExecutionException e) {
            exchanges.remove(frame.stream());
            writeHeaders(frame.stream(), new DefaultHttp2Headers().status("503"), true);
        }
    }

    private void onData(Http2DataFrame data) {
        int credit = data.initialFlowControlledBytes();
        byte[] bytes;
        try {
            bytes = bytesOf(data);
        } finally {
            data.release();
        }
        Exchange ex = exchanges.get(data.stream());
        if (ex == null || !ex.body.offer(bytes, credit, data.isEndStream())) {
            returnCredit(data.stream(), credit);
        }
    }

    private void writeHeaders(Http2FrameStream stream, Http2Headers headers, boolean endStream) {
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream).stream(stream));
    }

    @Override
    protected void streamClosed(Http2FrameStream stream) {
        Exchange ex = exchanges.remove(stream);
        if (ex != null) {
            ex.abort(new IOException("stream closed"));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Exchange ex : new ArrayList<>(exchanges.values())) {
            ex.abort(new IOException("uplink connection closed"));
        }
        exchanges.clear();
        super.channelInactive(ctx);
    }

    /** One request/response; fields are confined to the event loop. */
    private final class Exchange implements InboundBody.Owner, OutboundBodyPump.Listener {
        final Http2FrameStream stream;
        final InboundBody body;
        OutboundBodyPump pump;
        boolean aborted;

        Exchange(Http2FrameStream stream) {
            this.stream = stream;
            this.body = new InboundBody(this);
        }

        /** On a worker thread. */
        void dispatch(UplinkRequest request) {
            CompletionStage<UplinkResponse> stage;
            try {
                stage = handler.handle(request, level);
                if (stage == null) {
                    stage = CompletableFuture.failedFuture(new NullPointerException("handler returned null"));
                }
            } catch (RuntimeException | Error e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((response, error) -> onEventLoop(() -> respond(request, response, error)));
        }

        private void respond(UplinkRequest request, UplinkResponse response, Throwable error) {
            if (aborted) {
                if (response != null) {
                    closeQuietly(response);
                }
                return;
            }
            if (error != null) {
                LOG.warn("uplink request handler failed for {} {}", request.method(), request.path(), error);
                response = UplinkResponse.status(500);
            }
            boolean empty = response.body().isEmpty();
            UplinkResponse r = response;
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(Http2Messages.responseHeaders(r), empty).stream(stream))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            // e.g. over the cloud's header list limit; the codec leaves such a stream open
                            closeQuietly(r);
                            bodyFailed(f.cause());
                        } else if (empty) {
                            bodySent();
                        } else if (!aborted) {
                            pump = new OutboundBodyPump(ctx, stream, r.body().stream(), r.body().length(), workers,
                                    Exchange.this);
                            pump.start();
                        } else {
                            closeQuietly(r);
                        }
                    });
        }

        @Override
        public void bodySent() {
            exchanges.remove(stream);
            if (!body.isEnded()) {
                // a complete response before the complete request: ask the cloud to stop sending (RFC 9113 8.1)
                reset(stream, Http2Error.NO_ERROR);
            }
        }

        @Override
        public void bodyFailed(Throwable cause) {
            LOG.warn("sending a response body through the uplink failed", cause);
            exchanges.remove(stream);
            reset(stream, Http2Error.INTERNAL_ERROR);
            body.fail(new IOException("response failed"));
        }

        void abort(IOException cause) {
            aborted = true;
            body.fail(cause);
            if (pump != null) {
                pump.cancel();
            }
        }

        @Override
        public void consumed(int flowControlledBytes) {
            returnCredit(stream, flowControlledBytes);
        }

        @Override
        public void abandoned() {
            // the handler stopped reading the request body; the response (if any) still goes out
        }

        private void closeQuietly(UplinkResponse response) {
            if (!response.body().isEmpty()) {
                try {
                    response.body().stream().close();
                } catch (IOException | RuntimeException ignored) {
                    // nobody wants this body any more
                }
            }
        }
    }
}
