package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The camera's HTTP/2 server role, at frame level right after {@code Http2FrameCodec.forServer()}.
 * Deliberately not {@code Http2MultiplexHandler}: that one decides its role from whether the socket was
 * accepted, and on a camera (which connected) it mistakes the cloud's stream 1 for an h2c upgrade stream.
 *
 * <p>Each request is handed to the {@link UplinkRequestHandler} on a worker thread (one hand-off per
 * request). A request whose {@code content-length} is at most {@link Http2Messages#IN_MEMORY_BODY_LIMIT}
 * is handed over once its body is complete, as an in-memory body; any other request as soon as its
 * HEADERS arrive, its body streaming in (with flow control) while the handler runs. The response comes
 * back to the event loop once; its HEADERS and an in-memory body's DATA leave in one flush.
 */
public final class ReverseHttp2ServerHandler extends StreamFrameHandler<ReverseHttp2ServerHandler.Exchange> {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseHttp2ServerHandler.class);

    private final UplinkRequestHandler handler;
    private final UserLevel level;

    public ReverseHttp2ServerHandler(UplinkRequestHandler handler, UserLevel level, Executor workers,
                                     TunnelObserver observer, int connectionWindow) {
        super(workers, observer, connectionWindow);
        this.handler = handler;
        this.level = level;
    }

    @Override
    protected void frameRead(ChannelHandlerContext ctx, Object msg) {
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
                existing.requestEnded();
            }
            return;
        }
        int collect = Http2Messages.collectableLength(frame.headers(), frame.isEndStream());
        Exchange ex = new Exchange(frame.stream(), collect);
        UplinkRequest request;
        try {
            request = Http2Messages.request(frame.headers(),
                    ex.body != null ? ex.body : InputStream.nullInputStream(), frame.isEndStream());
        } catch (IllegalArgumentException e) {
            writeOnLoop(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("400"), true)
                    .stream(frame.stream()));
            return;
        }
        exchanges.put(frame.stream(), ex);
        if (frame.isEndStream()) {
            ex.requestEnded();
        }
        if (collect < 0) {
            ex.dispatch(request);
        } else {
            ex.head = request;
        }
    }

    @Override
    protected void streamFailed(Exchange ex, String problem) {
        ex.abort(new IOException("malformed request: " + problem));
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
        for (Exchange ex : removeAll()) {
            ex.abort(new IOException("uplink connection closed"));
        }
        super.channelInactive(ctx);
    }

    /** One request/response; fields are confined to the event loop. */
    final class Exchange extends StreamExchange implements OutboundBodyPump.Listener {
        /** The request without its body, while the body is collected. */
        UplinkRequest head;
        OutboundBodyPump pump;
        boolean aborted;
        boolean finished;

        Exchange(Http2FrameStream stream, int collectLength) {
            super(ReverseHttp2ServerHandler.this);
            this.stream = stream;
            if (collectLength > 0) {
                collectBody(collectLength);
            } else {
                body = new InboundBody(this);
            }
        }

        /** The request ended: END_STREAM on its HEADERS or trailers. */
        void requestEnded() {
            inboundEnded = true;
            if (aborted) {
                return;
            }
            if (isCollecting()) {
                if (head != null) {
                    collectedEnd();
                }
            } else if (body != null) {
                body.end();
            }
        }

        @Override
        protected void bodyCollected(byte[] bytes) {
            UplinkRequest r = head;
            head = null;
            dispatch(new UplinkRequest(r.method(), r.path(), r.authority(), r.headers(), UplinkBody.of(bytes)));
        }

        @Override
        protected void bodyMalformed() {
            exchanges.remove(stream);
            reset(stream, Http2Error.PROTOCOL_ERROR);
            aborted = true;
        }

        /** On the event loop: one hand-off to a worker for the handler. */
        void dispatch(UplinkRequest request) {
            try {
                workers.execute(() -> serve(request));
            } catch (RejectedExecutionException e) {
                exchanges.remove(stream);
                aborted = true;
                writeOnLoop(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("503"), true)
                        .stream(stream));
            }
        }

        /** On a worker thread. */
        private void serve(UplinkRequest request) {
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
            ChannelFuture headers = ctx.write(
                    new DefaultHttp2HeadersFrame(Http2Messages.responseHeaders(r), empty).stream(stream));
            headers.addListener(f -> {
                if (!f.isSuccess()) {
                    // e.g. over the cloud's header list limit; the codec leaves such a stream open
                    closeQuietly(r);
                    bodyFailed(f.cause());
                } else if (empty) {
                    bodySent();
                }
            });
            if (!empty && !finished) { // finished: the HEADERS failed at once; never DATA without them
                // right behind the HEADERS: an in-memory body goes out in the same flush
                pump = new OutboundBodyPump(ctx, stream, r.body().stream(), r.body().length(), workers,
                        Exchange.this);
                pump.start();
            }
            ctx.flush();
        }

        @Override
        public void bodySent() {
            if (finished) {
                return;
            }
            finished = true;
            exchanges.remove(stream);
            if (!inboundEnded && (body == null || !body.isEnded())) {
                // a complete response before the complete request: ask the cloud to stop sending (RFC 9113 8.1)
                reset(stream, Http2Error.NO_ERROR);
            }
        }

        @Override
        public void bodyFailed(Throwable cause) {
            if (finished) {
                return;
            }
            finished = true;
            LOG.warn("sending a response body through the uplink failed", cause);
            exchanges.remove(stream);
            reset(stream, Http2Error.INTERNAL_ERROR);
            if (body != null) {
                body.fail(new IOException("response failed"));
            }
        }

        void abort(IOException cause) {
            aborted = true;
            if (body != null) {
                body.fail(cause);
            }
            if (pump != null) {
                pump.cancel();
            }
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
