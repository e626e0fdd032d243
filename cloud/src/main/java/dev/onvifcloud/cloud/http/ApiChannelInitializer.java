package dev.onvifcloud.cloud.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of an accepted connection: TLS (anything else, such as plain HTTP, fails the handshake and is
 * closed), the idle timeout, then by ALPN either HTTP/2 (a stream channel per request) or HTTP/1.1; both end in
 * the size limits and the {@link RequestDispatcher}.
 */
final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiChannelInitializer.class);

    private final SslContext sslContext;
    private final ApiServerSettings settings;
    private final RequestDispatcher dispatcher;

    ApiChannelInitializer(SslContext sslContext, ApiServerSettings settings, RequestDispatcher dispatcher) {
        this.sslContext = sslContext;
        this.settings = settings;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        SslHandler tls = sslContext.newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
        channel.pipeline()
                .addLast("tls", tls)
                .addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("idle-close", IdleConnectionCloser.INSTANCE)
                .addLast("alpn", new ProtocolSelection());
    }

    private final class ProtocolSelection extends ApplicationProtocolNegotiationHandler {

        ProtocolSelection() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                Http2Settings http2Settings = Http2Settings.defaultSettings()
                        .maxHeaderListSize(settings.maxHeaderBytes())
                        .maxConcurrentStreams(settings.maxConcurrentStreams());
                ctx.pipeline().addLast(
                        Http2FrameCodecBuilder.forServer().initialSettings(http2Settings).build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(
                                        new Http2StreamFrameToHttpObjectCodec(true),
                                        new BodyLimit(settings.maxBodyBytes()),
                                        new FlowControlHandler(),
                                        dispatcher);
                            }
                        }));
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                ctx.pipeline().addLast(
                        new HttpServerCodec(new HttpDecoderConfig()
                                .setMaxInitialLineLength(settings.maxInitialLineBytes())
                                .setMaxHeaderSize(settings.maxHeaderBytes())),
                        new BodyLimit(settings.maxBodyBytes()),
                        new FlowControlHandler(),
                        dispatcher);
            } else {
                ctx.close();
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("closing connection with {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
