package dev.onvifcloud.uplink.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Real TLS over loopback between Netty channels, for checking what a context lets through: a server that
 * records each connection's handshake and echoes what it reads, and a client that connects by host name.
 */
final class TlsLoopback implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A completed handshake as one side saw it. */
    record Handshake(String protocol, List<Certificate> peerCertificates, Optional<Boolean> resumed, Channel channel) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<CompletableFuture<Handshake>> accepted = new LinkedBlockingQueue<>();
    private Channel server;

    /** Listens on 127.0.0.1 with {@code context}; returns the port. */
    int serve(SslContext context) {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = context.newHandler(ch.alloc());
                        accepted.add(handshake(tls, ch));
                        ch.pipeline().addLast(tls, new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                ctx.writeAndFlush(msg.retainedDuplicate());
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** The server's view of the next accepted connection's handshake. */
    Handshake nextAccepted() throws Exception {
        CompletableFuture<Handshake> next = accepted.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no connection was accepted");
        }
        return next.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Connects to 127.0.0.1:{@code port}, naming the server {@code host} (SNI, host name check). */
    Handshake connect(SslContext context, String host, int port) throws Exception {
        CompletableFuture<Handshake> result = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = context.newHandler(ch.alloc(), host, port);
                        handshake(tls, ch).whenComplete((h, e) -> {
                            if (e != null) {
                                result.completeExceptionally(e);
                            } else {
                                result.complete(h);
                            }
                        });
                        ch.pipeline().addLast(tls);
                    }
                })
                .connect("127.0.0.1", port);
        return result.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a byte, waits for its echo (so that TLS 1.3 tickets sent after the handshake have arrived), closes. */
    static void exchangeAndClose(Handshake client) throws Exception {
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        client.channel().pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                echoed.complete(null);
            }
        });
        client.channel().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {42}));
        echoed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        client.channel().close().syncUninterruptibly();
    }

    private static CompletableFuture<Handshake> handshake(SslHandler tls, Channel channel) {
        CompletableFuture<Handshake> result = new CompletableFuture<>();
        tls.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            SSLEngine engine = tls.engine();
            SSLSession session = engine.getSession();
            List<Certificate> peer;
            try {
                peer = List.of(session.getPeerCertificates());
            } catch (SSLPeerUnverifiedException e) {
                peer = List.of();
            }
            Optional<Boolean> resumed = engine instanceof ReferenceCountedOpenSslEngine openSsl
                    ? Optional.of(SSL.isSessionReused(openSsl.sslPointer()))
                    : Optional.empty();
            result.complete(new Handshake(session.getProtocol(), peer, resumed, channel));
        });
        return result;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
