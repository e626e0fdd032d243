package dev.onvifcloud.cloud.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one aggregated request into an {@link ApiRequest}, routes it, runs its handler on the handler
 * executor and writes the answer. Reading on the (stream) channel pauses while a request is in progress, so
 * HTTP/1.1 responses leave in request order; a {@code FlowControlHandler} ahead of this one holds pipelined
 * requests meanwhile. Stateless: one instance serves every channel.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    /** Requests in progress on a connection (for HTTP/2, on the parent channel): an idle timeout spares them. */
    static final AttributeKey<AtomicInteger> IN_PROGRESS = AttributeKey.valueOf("onvif-cloud.in-progress");

    private final RouteTable routes;
    private final Executor executor;

    RequestDispatcher(RouteTable routes, Executor executor) {
        this.routes = routes;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String correlationId = UUID.randomUUID().toString();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            write(ctx, problemFor(decoded.cause()).response(), correlationId, false);
            return;
        }
        String method = request.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        RouteTable.Match match = routes.match(method, path);
        if (match instanceof RouteTable.Match.WrongMethod wrong) {
            write(ctx, HttpProblem.METHOD_NOT_ALLOWED.response()
                    .withHeader("allow", String.join(", ", wrong.allowed())), correlationId, keepAlive);
            return;
        }
        if (!(match instanceof RouteTable.Match.Found found)) {
            write(ctx, HttpProblem.NOT_FOUND.response(), correlationId, keepAlive);
            return;
        }
        Route route = found.route();
        if (route.body() == RequestBody.JSON && !isJson(request.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
            write(ctx, HttpProblem.UNSUPPORTED_MEDIA_TYPE.response(), correlationId, keepAlive);
            return;
        }
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        ApiRequest apiRequest = new ApiRequest(method, path, headers, ByteBufUtil.getBytes(request.content()),
                remoteAddress(ctx.channel()), correlationId, uri.parameters());
        dispatch(ctx, route, apiRequest, keepAlive);
    }

    private void dispatch(ChannelHandlerContext ctx, Route route, ApiRequest request, boolean keepAlive) {
        ctx.channel().config().setAutoRead(false);
        AtomicInteger inProgress = inProgress(ctx.channel());
        inProgress.incrementAndGet();
        CompletableFuture<ApiResponse> answer;
        try {
            answer = CompletableFuture.supplyAsync(() -> route.handler().handle(request), executor)
                    .thenCompose(CompletionStage::toCompletableFuture);
        } catch (RejectedExecutionException e) {
            LOG.warn("no handler thread for {} {} [correlation {}]", request.method(), request.path(),
                    request.correlationId());
            answer = CompletableFuture.completedFuture(HttpProblem.SERVICE_UNAVAILABLE.response());
        }
        answer.whenComplete((response, failure) -> ctx.executor().execute(() -> {
            inProgress.decrementAndGet();
            ApiResponse sent = response;
            if (failure != null || response == null) {
                LOG.error("handler failed for {} {} [correlation {}]", request.method(), request.path(),
                        request.correlationId(), failure);
                sent = HttpProblem.INTERNAL_ERROR.response();
            }
            write(ctx, sent, request.correlationId(), keepAlive);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    /** The count of requests in progress on the channel's connection. */
    static AtomicInteger inProgress(Channel channel) {
        Channel connection = connection(channel);
        AtomicInteger fresh = new AtomicInteger();
        AtomicInteger existing = connection.attr(IN_PROGRESS).setIfAbsent(fresh);
        return existing == null ? fresh : existing;
    }

    /** The TCP connection: the channel itself for HTTP/1.1, the parent of an HTTP/2 stream channel. */
    static Channel connection(Channel channel) {
        return channel instanceof Http2StreamChannel ? channel.parent() : channel;
    }

    static void write(ChannelHandlerContext ctx, ApiResponse response, String correlationId, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach(http.headers()::set);
        response.contentType().ifPresent(type -> http.headers().set(HttpHeaderNames.CONTENT_TYPE, type));
        http.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("x-content-type-options", "nosniff")
                .set(ApiResponse.CORRELATION_ID_HEADER, correlationId);
        boolean http2 = ctx.channel() instanceof Http2StreamChannel;
        if (http2) {
            ctx.writeAndFlush(http);
            return;
        }
        HttpUtil.setKeepAlive(http, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static HttpProblem problemFor(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpProblem.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        if (cause instanceof TooLongHttpLineException) {
            return HttpProblem.URI_TOO_LONG;
        }
        if (cause instanceof TooLongFrameException) {
            return HttpProblem.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpProblem.BAD_REQUEST;
    }

    /** {@code application/json}, with at most a UTF-8 charset parameter. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            String name = parameter[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("charset")) {
                String value = parameter.length == 2 ? parameter[1].trim().replace("\"", "") : "";
                if (!value.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            } else if (!name.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static InetSocketAddress remoteAddress(Channel channel) {
        return (InetSocketAddress) connection(channel).remoteAddress();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection after an error", cause);
        ctx.close();
    }
}
