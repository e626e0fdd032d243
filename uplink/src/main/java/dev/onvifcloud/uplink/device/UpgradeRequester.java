package dev.onvifcloud.uplink.device;

import dev.onvifcloud.uplink.internal.Problems;
import dev.onvifcloud.uplink.internal.TunnelObserver;
import dev.onvifcloud.uplink.internal.WebSocketFraming;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The camera's HTTP/1.1 phase: once TLS is up, sends
 * {@code GET <path> HTTP/1.1 / Connection: Upgrade / Upgrade: h2c-reverse [/ Authorization: Bearer]} (or
 * the WebSocket handshake for {@code wss}) and waits for {@code 101 Switching Protocols}. Then it takes the HTTP/1.1 encoder out, lets the installer
 * put the HTTP/2 server handlers in, and takes the decoder out last, so bytes the cloud sent right after
 * the 101 (its preface) reach the HTTP/2 codec. Any other answer, or none in time, closes the
 * connection with a reason.
 */
final class UpgradeRequester extends ChannelInboundHandlerAdapter {

    static final String PROTOCOL = "h2c-reverse";

    /** Puts the HTTP/2 handlers into the pipeline right after the handler named {@code after}. */
    @FunctionalInterface
    interface Http2Installer {
        void install(ChannelPipeline pipeline, String after);
    }

    private final RemoteAddress address;
    private final Optional<String> bearerToken;
    private final Optional<String> webSocketKey;
    private final Http2Installer installer;
    private final TunnelObserver observer;
    private final Duration timeout;
    private Future<?> deadline;
    private boolean requested;
    private boolean switching;
    private int refusedStatus;

    /**
     * @param webSocketKey the {@code Sec-WebSocket-Key} for a {@code wss} address (16 random bytes,
     *                     base64), empty for {@code https}
     */
    UpgradeRequester(RemoteAddress address, Optional<String> bearerToken, Optional<String> webSocketKey,
                     Http2Installer installer, TunnelObserver observer, Duration timeout) {
        if (address.scheme().equals("wss") != webSocketKey.isPresent()) {
            throw new IllegalArgumentException("a WebSocket key goes with a wss address, and only there");
        }
        this.address = address;
        this.bearerToken = bearerToken;
        this.webSocketKey = webSocketKey;
        this.installer = installer;
        this.observer = observer;
        this.timeout = timeout;
    }

    /** The status of a refused upgrade, 0 if none. */
    int refusedStatus() {
        return refusedStatus;
    }

    /**
     * The upgrade request. Native: {@code Upgrade: h2c-reverse} and the token in {@code Authorization}.
     * WebSocket: an RFC 6455 handshake asking for subprotocol {@code h2c-reverse}, with the token as the
     * {@code access_token} query parameter (RFC 6750 section 2.3), as the Uplink specification describes
     * for WebSocket.
     */
    static FullHttpRequest upgradeRequest(RemoteAddress address, Optional<String> bearerToken,
                                          Optional<String> webSocketKey) {
        String target = address.pathAndQuery();
        if (webSocketKey.isPresent() && bearerToken.isPresent()) {
            target += (target.contains("?") ? "&" : "?") + "access_token="
                    + URLEncoder.encode(bearerToken.get(), StandardCharsets.US_ASCII);
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target,
                Unpooled.EMPTY_BUFFER);
        request.headers().add("Host", address.hostHeader());
        request.headers().add("Connection", "Upgrade");
        if (webSocketKey.isPresent()) {
            request.headers().add("Upgrade", "websocket");
            request.headers().add("Sec-WebSocket-Key", webSocketKey.get());
            request.headers().add("Sec-WebSocket-Version", "13");
            request.headers().add("Sec-WebSocket-Protocol", WebSocketFraming.SUBPROTOCOL);
        } else {
            request.headers().add("Upgrade", PROTOCOL);
            bearerToken.ifPresent(t -> request.headers().add("Authorization", "Bearer " + t));
        }
        return request;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            observer.problem("no upgrade within " + timeout.toMillis() + " ms");
            ctx.close();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (ctx.channel().isActive() && ctx.pipeline().get(SslHandler.class) == null) {
            sendRequest(ctx);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            sendRequest(ctx);
        }
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                sendRequest(ctx);
            } else {
                observer.problem(Problems.describe(handshake.cause()));
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        if (!requested) {
            requested = true;
            ctx.writeAndFlush(upgradeRequest(address, bearerToken, webSocketKey));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                onResponse(ctx, response);
            }
            if (msg instanceof LastHttpContent && switching) {
                switchToHttp2(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(ChannelHandlerContext ctx, HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            observer.problem("malformed upgrade response: " + Problems.describe(response.decoderResult().cause()));
            ctx.close();
            return;
        }
        HttpResponseStatus status = response.status();
        if (status.code() == 101 && webSocketKey.isPresent()) {
            String problem = webSocketHandshakeProblem(response);
            if (problem == null) {
                switching = true;
            } else {
                observer.problem(problem);
                ctx.close();
            }
            return;
        }
        if (status.code() == 101 && PROTOCOL.equalsIgnoreCase(response.headers().get("Upgrade", "").trim())) {
            switching = true;
            return;
        }
        refusedStatus = status.code();
        if (status.code() == 101) {
            observer.problem("the cloud switched to an unexpected protocol: " + response.headers().get("Upgrade"));
        } else {
            observer.problem("upgrade refused by the cloud: HTTP " + status.code() + " " + status.reasonPhrase());
        }
        ctx.close();
    }

    private String webSocketHandshakeProblem(HttpResponse response) {
        if (!"websocket".equalsIgnoreCase(response.headers().get("Upgrade", "").trim())) {
            return "the cloud switched to an unexpected protocol: " + response.headers().get("Upgrade");
        }
        if (!WebSocketFraming.accept(webSocketKey.get()).equals(response.headers().get("Sec-WebSocket-Accept"))) {
            return "WebSocket handshake failed: wrong Sec-WebSocket-Accept";
        }
        if (!WebSocketFraming.SUBPROTOCOL.equals(response.headers().get("Sec-WebSocket-Protocol"))) {
            return "WebSocket handshake failed: the cloud did not select subprotocol h2c-reverse";
        }
        return null;
    }

    private void switchToHttp2(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(HttpRequestEncoder.class);
        String decoder = pipeline.context(HttpResponseDecoder.class).name();
        if (webSocketKey.isPresent()) {
            decoder = WebSocketFraming.install(pipeline, decoder, true);
        }
        installer.install(pipeline, decoder);
        pipeline.remove(this);
        pipeline.remove(HttpResponseDecoder.class);
        observer.upgraded();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        observer.problem(Problems.describe(cause));
        ctx.close();
    }
}
