package dev.onvifcloud.cloud.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.UUID;

/**
 * Aggregates a request's body up to the limit and answers a larger one {@code 413} with our JSON body.
 * Like Netty's own aggregator, it keeps an HTTP/1.1 keep-alive connection whose oversized body it can skip
 * (announced by {@code Content-Length}) and closes one whose body was already partly taken.
 */
final class BodyLimit extends HttpObjectAggregator {

    BodyLimit(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        boolean keepAlive = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
        RequestDispatcher.write(ctx, HttpProblem.PAYLOAD_TOO_LARGE.response(), UUID.randomUUID().toString(),
                keepAlive);
    }
}
