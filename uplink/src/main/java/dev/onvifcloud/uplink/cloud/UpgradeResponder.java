package dev.onvifcloud.uplink.cloud;

import dev.onvifcloud.uplink.internal.Problems;
import dev.onvifcloud.uplink.internal.WebSocketFraming;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The cloud's HTTP/1.1 phase: one upgrade request, answered exactly once. Either an HTTP/1.1 error and
 * close (400 malformed, 404 wrong path, 405 not GET, 426 no {@code h2c-reverse} upgrade, 401/403 per
 * the authenticator, 503 authenticator failed), or {@code 101 Switching Protocols} (to {@code h2c-reverse},
 * or to a WebSocket with subprotocol {@code h2c-reverse} when the camera asked for one)
 * written here (not with Netty's {@code HttpServerUpgradeHandler}, whose upgrade event would make the
 * HTTP/2 codec take the request for stream 1, which does not exist with swapped roles). After the 101
 * the encoder goes first, the HTTP/2 client handlers come in, and the decoder goes last so that bytes
 * it already read reach the HTTP/2 codec.
 */
final class UpgradeResponder extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeResponder.class);
    static final String PROTOCOL = "h2c-reverse";
    private static final String REALM = "Bearer realm=\"onvif-uplink\"";

    /** Installs the HTTP/2 side after the handler named {@code after} and opens the session. */
    @FunctionalInterface
    interface SessionStarter {
        void start(ChannelHandlerContext ctx, String after, CameraIdentity identity);
    }

    private final String path;
    private final UplinkAuthenticator authenticator;
    private final Duration upgradeTimeout;
    private final SessionStarter sessionStarter;
    private Future<?> deadline;
    private HttpRequest request;
    private boolean answered;

    UpgradeResponder(String path, UplinkAuthenticator authenticator, Duration upgradeTimeout,
                     SessionStarter sessionStarter) {
        this.path = path;
        this.authenticator = authenticator;
        this.upgradeTimeout = upgradeTimeout;
        this.sessionStarter = sessionStarter;
    }

    static FullHttpResponse switchingProtocols() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
        response.headers().add("Connection", "Upgrade");
        response.headers().add("Upgrade", PROTOCOL);
        return response;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // a connection that has not completed an authenticated upgrade in time (slow TLS, slow or missing
        // request, slow authenticator) is closed without an answer
        deadline = ctx.executor().schedule(() -> {
            answered = true;
            ctx.close();
        }, upgradeTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.cancel(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (answered) {
                return;
            }
            if (msg instanceof HttpRequest r) {
                request = r;
                if (r.decoderResult().isFailure()) {
                    rejectMalformed(ctx, Problems.describe(r.decoderResult().cause()));
                    return;
                }
                if (HttpUtil.isTransferEncodingChunked(r) || HttpUtil.getContentLength(r, 0L) != 0) {
                    rejectMalformed(ctx, "upgrade request with a body");
                    return;
                }
            }
            if (msg instanceof HttpContent content) {
                if (content.decoderResult().isFailure() || content.content().isReadable() || request == null) {
                    rejectMalformed(ctx, "malformed upgrade request");
                    return;
                }
                if (content instanceof LastHttpContent) {
                    answered = true;
                    process(ctx, request);
                }
            }
        } catch (IllegalArgumentException e) { // e.g. a malformed content-length
            rejectMalformed(ctx, e.getMessage());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void process(ChannelHandlerContext ctx, HttpRequest r) {
        QueryStringDecoder target = new QueryStringDecoder(r.uri());
        if (!target.path().equals(path)) {
            reject(ctx, HttpResponseStatus.NOT_FOUND, List.of());
            return;
        }
        if (!r.method().equals(HttpMethod.GET)) {
            reject(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, List.of("Allow", "GET"));
            return;
        }
        boolean native_ = hasToken(r.headers(), "Upgrade", PROTOCOL);
        boolean webSocket = !native_ && hasToken(r.headers(), "Upgrade", "websocket");
        if (!(native_ || webSocket) || !hasToken(r.headers(), "Connection", "upgrade")) {
            reject(ctx, HttpResponseStatus.UPGRADE_REQUIRED, List.of("Upgrade", PROTOCOL, "Connection", "Upgrade"));
            return;
        }
        String webSocketKey = null;
        if (webSocket) {
            if (!"13".equals(r.headers().get("Sec-WebSocket-Version"))) {
                reject(ctx, HttpResponseStatus.UPGRADE_REQUIRED, List.of("Sec-WebSocket-Version", "13"));
                return;
            }
            webSocketKey = r.headers().get("Sec-WebSocket-Key");
            if (!WebSocketFraming.isValidKey(webSocketKey)
                    || !hasToken(r.headers(), "Sec-WebSocket-Protocol", WebSocketFraming.SUBPROTOCOL)) {
                rejectMalformed(ctx, "WebSocket handshake without a valid key or subprotocol h2c-reverse");
                return;
            }
            webSocketKey = webSocketKey.trim();
        }
        Optional<String> token;
        try {
            token = accessToken(r, target);
        } catch (IllegalArgumentException e) {
            reject(ctx, HttpResponseStatus.BAD_REQUEST,
                    List.of("WWW-Authenticate", REALM + ", error=\"invalid_request\""));
            return;
        }
        UplinkCredentials credentials = new UplinkCredentials(token, clientCertificates(ctx));
        ctx.channel().config().setAutoRead(false);
        CompletionStage<AuthenticationResult> verdict;
        try {
            verdict = authenticator.authenticate(credentials);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        Optional<String> key = Optional.ofNullable(webSocketKey);
        verdict.whenComplete((result, error) -> ctx.executor().execute(() -> decided(ctx, result, error, key)));
    }

    private void decided(ChannelHandlerContext ctx, AuthenticationResult result, Throwable error,
                         Optional<String> webSocketKey) {
        if (!ctx.channel().isActive() || ctx.isRemoved()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        if (error != null || result == null) {
            LOG.warn("uplink authenticator failed", error);
            reject(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, List.of());
        } else if (result instanceof AuthenticationResult.Rejected rejected) {
            switch (rejected.reason()) {
                case MISSING_CREDENTIALS -> reject(ctx, HttpResponseStatus.UNAUTHORIZED,
                        List.of("WWW-Authenticate", REALM));
                case INVALID_TOKEN -> reject(ctx, HttpResponseStatus.UNAUTHORIZED,
                        List.of("WWW-Authenticate", REALM + ", error=\"invalid_token\""));
                case EXPIRED_TOKEN -> reject(ctx, HttpResponseStatus.UNAUTHORIZED, List.of("WWW-Authenticate",
                        REALM + ", error=\"invalid_token\", error_description=\"The access token expired\""));
                case FORBIDDEN -> reject(ctx, HttpResponseStatus.FORBIDDEN, List.of());
            }
        } else if (result instanceof AuthenticationResult.Accepted accepted) {
            switchProtocols(ctx, accepted.identity(), webSocketKey);
        }
    }

    static FullHttpResponse switchingToWebSocket(String key) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
        response.headers().add("Connection", "Upgrade");
        response.headers().add("Upgrade", "websocket");
        response.headers().add("Sec-WebSocket-Accept", WebSocketFraming.accept(key));
        response.headers().add("Sec-WebSocket-Protocol", WebSocketFraming.SUBPROTOCOL);
        return response;
    }

    private void switchProtocols(ChannelHandlerContext ctx, CameraIdentity identity, Optional<String> webSocketKey) {
        deadline.cancel(false);
        ChannelPipeline pipeline = ctx.pipeline();
        ctx.writeAndFlush(webSocketKey.map(UpgradeResponder::switchingToWebSocket)
                .orElseGet(UpgradeResponder::switchingProtocols));
        pipeline.remove(HttpResponseEncoder.class);
        String decoder = pipeline.context(HttpRequestDecoder.class).name();
        if (webSocketKey.isPresent()) {
            decoder = WebSocketFraming.install(pipeline, decoder, false);
        }
        sessionStarter.start(ctx, decoder, identity);
        pipeline.remove(this);
        pipeline.remove(HttpRequestDecoder.class);
    }

    private static Optional<String> accessToken(HttpRequest r, QueryStringDecoder target) {
        List<String> query = target.parameters().getOrDefault("access_token", List.of());
        String header = r.headers().get("Authorization");
        Optional<String> fromHeader = Optional.empty();
        if (header != null) {
            int space = header.indexOf(' ');
            String scheme = space < 0 ? header : header.substring(0, space);
            if (scheme.equalsIgnoreCase("Bearer")) {
                String value = space < 0 ? "" : header.substring(space + 1).trim();
                if (value.isEmpty() || !value.chars().allMatch(UpgradeResponder::isB64TokenChar)) {
                    throw new IllegalArgumentException("malformed bearer token");
                }
                fromHeader = Optional.of(value);
            }
        }
        if (query.size() > 1 || (fromHeader.isPresent() && !query.isEmpty())) {
            throw new IllegalArgumentException("more than one access token"); // RFC 6750 section 2
        }
        return fromHeader.isPresent() ? fromHeader : query.stream().findFirst();
    }

    private static boolean isB64TokenChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }

    private static List<X509Certificate> clientCertificates(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : tls.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    private static boolean hasToken(HttpHeaders headers, String name, String token) {
        for (String value : headers.getAll(name)) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void rejectMalformed(ChannelHandlerContext ctx, String why) {
        LOG.debug("malformed uplink upgrade request from {}: {}", ctx.channel().remoteAddress(), why);
        answered = true;
        reject(ctx, HttpResponseStatus.BAD_REQUEST, List.of());
    }

    /** An HTTP/1.1 error, then close. Nothing from the request is echoed. */
    private void reject(ChannelHandlerContext ctx, HttpResponseStatus status, List<String> headers) {
        answered = true;
        deadline.cancel(false);
        byte[] body = (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        for (int i = 0; i < headers.size(); i += 2) {
            response.headers().add(headers.get(i), headers.get(i + 1));
        }
        response.headers().set("Content-Type", "text/plain; charset=us-ascii");
        response.headers().set("Content-Length", body.length);
        if (!response.headers().contains("Connection")) {
            response.headers().set("Connection", "close");
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("uplink connection from {} failed before the upgrade: {}", ctx.channel().remoteAddress(),
                Problems.describe(cause));
        ctx.close();
    }
}
