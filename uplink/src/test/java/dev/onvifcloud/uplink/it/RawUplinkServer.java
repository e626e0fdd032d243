package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.UplinkTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;

import javax.net.ssl.SSLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in cloud that answers any upgrade request with 101 and then hands the raw connection (TLS
 * still on, HTTP/1.1 handlers gone) to {@code afterUpgrade}: a silent cloud, or a relay to a standard
 * HTTP/2 client.
 */
final class RawUplinkServer implements AutoCloseable {

    final AtomicInteger upgrades = new AtomicInteger();
    /** The server names (SNI) the last client asked for. */
    volatile java.util.List<String> requestedServerNames = java.util.List.of();
    private final Channel server;

    private RawUplinkServer(UplinkTransport transport, Consumer<Channel> afterUpgrade) {
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(TestPki.CLOUD.privateKey(), TestPki.CLOUD.chain()).build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
        server = new ServerBootstrap()
                .group(transport.threads().ioThreads())
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()))
                                .addLast("decoder", new HttpRequestDecoder())
                                .addLast("encoder", new HttpResponseEncoder())
                                .addLast("upgrade", new ChannelInboundHandlerAdapter() {
                                    @Override
                                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                        boolean last = msg instanceof LastHttpContent;
                                        ReferenceCountUtil.release(msg);
                                        if (last) {
                                            var session = (javax.net.ssl.ExtendedSSLSession) ctx.pipeline()
                                                    .get(io.netty.handler.ssl.SslHandler.class).engine().getSession();
                                            requestedServerNames = session.getRequestedServerNames().stream()
                                                    .map(n -> n instanceof javax.net.ssl.SNIHostName h
                                                            ? h.getAsciiName() : n.toString())
                                                    .toList();
                                            upgrades.incrementAndGet();
                                            FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                    HttpResponseStatus.SWITCHING_PROTOCOLS, Unpooled.EMPTY_BUFFER);
                                            ok.headers().add("Connection", "Upgrade").add("Upgrade", "h2c-reverse");
                                            ctx.writeAndFlush(ok);
                                            ctx.pipeline().remove("encoder");
                                            afterUpgrade.accept(ctx.channel());
                                            ctx.pipeline().remove(this);
                                            ctx.pipeline().remove("decoder");
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    /** A cloud that goes silent after the 101: reads and discards everything, answers nothing. */
    static RawUplinkServer silent(UplinkTransport transport) {
        return new RawUplinkServer(transport, ch -> ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }
        }));
    }

    static RawUplinkServer upgradingTo(UplinkTransport transport, Consumer<Channel> afterUpgrade) {
        return new RawUplinkServer(transport, afterUpgrade);
    }

    String url() {
        return "https://localhost:" + ((java.net.InetSocketAddress) server.localAddress()).getPort() + "/uplink";
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
