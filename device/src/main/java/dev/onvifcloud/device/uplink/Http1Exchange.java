package dev.onvifcloud.device.uplink;

import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Failure;
import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Request;
import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Response;
import dev.onvifcloud.uplink.internal.Problems;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The exchanges of one HTTP/1.1 connection, one at a time: writes the request, takes the aggregated response, and
 * fails the exchange when the connection breaks or the response is too large, malformed or late. State is confined
 * to the channel's event loop, except two flags read once an exchange failed: whether the request was written and
 * whether any byte of a response arrived.
 */
final class Http1Exchange extends ChannelInboundHandlerAdapter {

    /** A response and whether the connection may carry another request. */
    record Answer(Response response, boolean keepAlive) {
    }

    private CompletableFuture<Answer> pending; // confined to the loop
    private ScheduledFuture<?> timeout; // confined to the loop
    private volatile boolean requestWritten;
    private volatile boolean responseStarted;

    /** Sends {@code request} on {@code channel} (whose pipeline ends with this handler). */
    CompletableFuture<Answer> start(Channel channel, Request request, String authority, Duration requestTimeout) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            channel.eventLoop().execute(() -> begin(channel, request, authority, requestTimeout, answer));
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(new Failure(Failure.Reason.CLOSED, "the event loops are shut down", e));
        }
        return answer;
    }

    /** Whether the last request was written to the connection. */
    boolean requestWritten() {
        return requestWritten;
    }

    /** Whether any byte arrived on the connection since the last request began. */
    boolean responseStarted() {
        return responseStarted;
    }

    /** A handler for just after TLS that notes the first byte of a response. */
    ChannelHandler firstByteObserver() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    responseStarted = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void begin(Channel channel, Request request, String authority, Duration requestTimeout,
                       CompletableFuture<Answer> answer) {
        requestWritten = false;
        responseStarted = false;
        if (pending != null) {
            answer.completeExceptionally(new IllegalStateException("an exchange is in progress on this connection"));
            return;
        }
        if (!channel.isActive()) {
            answer.completeExceptionally(new Failure(Failure.Reason.CONNECTION_CLOSED, "connection closed", null));
            return;
        }
        pending = answer;
        timeout = channel.eventLoop().schedule(() -> {
            if (fail(new Failure(Failure.Reason.TIMEOUT, "no response within " + describe(requestTimeout), null))) {
                channel.close();
            }
        }, requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        channel.writeAndFlush(toNetty(request, authority)).addListener(written -> {
            if (written.isSuccess()) {
                requestWritten = true;
            } else if (fail(new Failure(Failure.Reason.CONNECTION_CLOSED,
                    "cannot send the request: " + Problems.describe(written.cause()), written.cause()))) {
                channel.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpResponse response)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (pending == null) { // an answer nobody asked for: the connection is out of step
                ctx.close();
                return;
            }
            if (response.decoderResult().isFailure()) {
                fail(failure(response.decoderResult().cause()));
                ctx.close();
                return;
            }
            int status = response.status().code();
            if (status >= 100 && status < 200) {
                return; // interim; the final response follows
            }
            byte[] body = ByteBufUtil.getBytes(response.content());
            succeed(new Answer(new Response(status, body), HttpUtil.isKeepAlive(response)));
        } finally {
            response.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(failure(cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new Failure(Failure.Reason.CONNECTION_CLOSED, "connection closed before the response", null));
        ctx.fireChannelInactive();
    }

    private static Failure failure(Throwable cause) {
        Throwable t = cause;
        while (t instanceof DecoderException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof TooLongFrameException) {
            return new Failure(Failure.Reason.RESPONSE_TOO_LARGE, "response too large", t);
        }
        if (t instanceof SSLException) {
            return new Failure(Failure.Reason.TLS, Problems.describe(t), t);
        }
        if (cause instanceof DecoderException) {
            return new Failure(Failure.Reason.MALFORMED_RESPONSE, "malformed HTTP response: " + Problems.describe(t),
                    t);
        }
        return new Failure(Failure.Reason.CONNECTION_CLOSED, Problems.describe(t), t);
    }

    private void succeed(Answer answer) {
        CompletableFuture<Answer> done = finish();
        if (done != null) {
            done.complete(answer);
        }
    }

    /** Fails the pending exchange, if any; whether there was one. */
    private boolean fail(Failure failure) {
        CompletableFuture<Answer> done = finish();
        if (done == null) {
            return false;
        }
        done.completeExceptionally(failure);
        return true;
    }

    private CompletableFuture<Answer> finish() {
        CompletableFuture<Answer> done = pending;
        pending = null;
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
        return done;
    }

    private static FullHttpRequest toNetty(Request request, String authority) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        FullHttpRequest netty = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                target, Unpooled.wrappedBuffer(request.body()));
        netty.headers().set(HttpHeaderNames.HOST, authority);
        request.headers().forEach(netty.headers()::set);
        if (!request.idempotent() || request.body().length > 0) {
            HttpUtil.setContentLength(netty, request.body().length);
        }
        return netty;
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
