package dev.onvifcloud.benchmarks.uplink;

import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: a plain Netty HTTP/2 server over TLS (ALPN h2, the camera dials nobody; the client
 * connects to the server as usual) that serves the same {@link UplinkRequestHandler}, and a plain Netty
 * HTTP/2 client. The server aggregates the small request body, then runs the handler either on a worker
 * pool (as the uplink's camera side does) or inline on the event loop. The client completes each
 * response's future on {@code completions}: a worker pool (as the uplink's cloud side does by default)
 * or {@code Runnable::run}, the network thread.
 */
final class DirectHttp2 implements AutoCloseable {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final EventLoopGroup serverLoops;
    private final EventLoopGroup clientLoops;
    private final Channel server;
    private final SslContext clientTls;
    private final Executor completions;

    DirectHttp2(Bench.Pki pki, TlsImplementation tls, UplinkRequestHandler handler, ExecutorService workers, boolean inline,
                Executor completions, int ioThreads) throws Exception {
        this.completions = completions;
        ApplicationProtocolConfig alpn = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);
        SslContext serverTls = SslContextBuilder.forServer(pki.server().privateKey(), pki.server().chain())
                .sslProvider(tls.sslProviderWithAlpn()).protocols(PROTOCOLS).applicationProtocolConfig(alpn).build();
        clientTls = SslContextBuilder.forClient().sslProvider(tls.sslProviderWithAlpn()).protocols(PROTOCOLS)
                .trustManager(List.<X509Certificate>of(pki.ca())).endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(alpn).build();
        serverLoops = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("direct-server", true),
                NioIoHandler.newFactory());
        clientLoops = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("direct-client", true),
                NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(serverLoops)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(serverTls.newHandler(ch.alloc()),
                                Http2FrameCodecBuilder.forServer()
                                        .initialSettings(new Http2Settings().maxConcurrentStreams(1000)).build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new ServerStream(handler, workers, inline));
                                    }
                                }));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    }

    /** A new HTTP/2 connection to the server. */
    Connection connect() {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        Channel ch = new Bootstrap()
                .group(clientLoops)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(clientTls.newHandler(ch.alloc(), "127.0.0.1", port),
                                Http2FrameCodecBuilder.forClient()
                                        .initialSettings(new Http2Settings().pushEnabled(false)).build(),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect("127.0.0.1", port).syncUninterruptibly().channel();
        return new Connection(ch, completions);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One client connection; {@link #post} opens a stream per request. */
    static final class Connection {
        private final Channel channel;
        private final Executor completions;

        Connection(Channel channel, Executor completions) {
            this.channel = channel;
            this.completions = completions;
        }

        /** POSTs the body; completes with the response body once it has fully arrived. */
        CompletableFuture<byte[]> post(String path, String contentType, byte[] body) {
            CompletableFuture<byte[]> result = new CompletableFuture<>();
            new Http2StreamChannelBootstrap(channel).handler(new ClientStream(result, completions)).open().addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(f.cause());
                    return;
                }
                Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                Http2Headers headers = new DefaultHttp2Headers().method("POST").path(path).scheme("https")
                        .authority("127.0.0.1").set("content-type", contentType).setInt("content-length", body.length);
                stream.write(new DefaultHttp2HeadersFrame(headers, false));
                stream.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true));
            });
            return result;
        }

        void close() {
            channel.close().syncUninterruptibly();
        }
    }

    private static final class ClientStream extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<byte[]> result;
        private final Executor completions;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        private int status;
        /** The response ended: its completion is on its way to {@code completions}. */
        private boolean ended;

        ClientStream(CompletableFuture<byte[]> result, Executor completions) {
            this.result = result;
            this.completions = completions;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                boolean end = false;
                if (msg instanceof Http2HeadersFrame h) {
                    if (h.headers().status() != null) {
                        status = h.headers().status().toString().charAt(0) == '2' ? 200 : 500;
                    }
                    end = h.isEndStream();
                } else if (msg instanceof Http2DataFrame d) {
                    ByteBuf content = d.content();
                    content.readBytes(body, content.readableBytes());
                    end = d.isEndStream();
                }
                if (end) {
                    ended = true;
                    byte[] bytes = body.toByteArray();
                    int code = status;
                    completions.execute(() -> {
                        if (code == 200) {
                            result.complete(bytes);
                        } else {
                            result.completeExceptionally(new IOException("status " + code));
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ended) {
                result.completeExceptionally(new IOException("stream closed before the response ended"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }

    private static final class ServerStream extends ChannelInboundHandlerAdapter {
        private final UplinkRequestHandler handler;
        private final ExecutorService workers;
        private final boolean inline;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        private Http2Headers headers;

        ServerStream(UplinkRequestHandler handler, ExecutorService workers, boolean inline) {
            this.handler = handler;
            this.workers = workers;
            this.inline = inline;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws IOException {
            try {
                boolean end = false;
                if (msg instanceof Http2HeadersFrame h) {
                    headers = h.headers();
                    end = h.isEndStream();
                } else if (msg instanceof Http2DataFrame d) {
                    d.content().readBytes(body, d.content().readableBytes());
                    end = d.isEndStream();
                }
                if (end) {
                    dispatch(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void dispatch(ChannelHandlerContext ctx) {
            CharSequence type = headers.get("content-type");
            UplinkRequest request = new UplinkRequest(headers.method().toString(), headers.path().toString(),
                    Optional.ofNullable(headers.authority()).map(CharSequence::toString),
                    type == null ? UplinkHeaders.empty() : UplinkHeaders.of("content-type", type.toString()),
                    UplinkBody.of(body.toByteArray()));
            Runnable serve = () -> handler.handle(request, UserLevel.Operator).whenComplete((response, error) -> {
                byte[] out;
                int status;
                String contentType = null;
                try {
                    if (error != null) {
                        throw error;
                    }
                    out = response.body().readAllBytes();
                    status = response.status();
                    contentType = response.headers().first("content-type").orElse(null);
                } catch (Throwable e) {
                    out = new byte[0];
                    status = 500;
                }
                byte[] bytes = out;
                int code = status;
                String ct = contentType;
                ctx.executor().execute(() -> {
                    Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(code))
                            .setInt("content-length", bytes.length);
                    if (ct != null) {
                        h.set("content-type", ct);
                    }
                    ctx.write(new DefaultHttp2HeadersFrame(h, bytes.length == 0));
                    if (bytes.length > 0) {
                        ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(bytes), true));
                    }
                    ctx.flush();
                });
            });
            if (inline) {
                serve.run();
            } else {
                workers.execute(serve);
            }
        }
    }
}
