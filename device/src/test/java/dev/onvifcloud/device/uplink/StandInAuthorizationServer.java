package dev.onvifcloud.device.uplink;

import dev.onvifcloud.security.pki.IssuedCredential;
import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in OAuth authorization server over HTTPS/1.1 (Netty, keep-alive): RFC 8414 metadata at the
 * oauth-authorization-server location and a token endpoint that issues a Bearer token to every client_credentials
 * request (it does not check the assertion; the device tests' TestAuthorizationServer does). It counts the
 * connections it accepted and closed; tests script answers per path, drop a request (close without answering),
 * leave it unanswered, or make every answer say {@code Connection: close} (while leaving the connection open, so
 * that only a client honouring the header closes it).
 */
final class StandInAuthorizationServer implements AutoCloseable {

    /** What to do with a request. */
    enum Action { ANSWER, DROP, HANG }

    /** One scripted reaction. */
    record Answer(Action action, int status, Map<String, String> headers, String body, boolean chunked) {

        static Answer json(int status, String body) {
            return new Answer(Action.ANSWER, status, Map.of("content-type", "application/json"), body, false);
        }

        static Answer chunkedJson(String body) {
            return new Answer(Action.ANSWER, 200, Map.of("content-type", "application/json"), body, true);
        }

        static Answer redirect(int status, String location) {
            return new Answer(Action.ANSWER, status, Map.of("location", location), "", false);
        }

        static final Answer DROP = new Answer(Action.DROP, 0, Map.of(), "", false);
        static final Answer HANG = new Answer(Action.HANG, 0, Map.of(), "", false);
    }

    static final String METADATA_PATH = "/.well-known/oauth-authorization-server";
    static final String OPENID_PATH = "/.well-known/openid-configuration";

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    /** "METHOD path" of every request, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The client_assertion of every token request. */
    final List<String> assertions = new CopyOnWriteArrayList<>();
    final AtomicBoolean sayConnectionClose = new AtomicBoolean();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    StandInAuthorizationServer(IssuedCredential credential) throws Exception {
        SslContext tls = SslContextBuilder.forServer(credential.privateKey(), credential.chain()).build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        ch.closeFuture().addListener(f -> closed.incrementAndGet());
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 20), new Endpoints());
                    }
                })
                .bind(new InetSocketAddress("localhost", 0)).sync().channel();
    }

    URI issuer() {
        return URI.create("https://localhost:" + ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** The next requests to {@code path} get these answers, in order; later ones the default. */
    void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** The metadata document this server serves by default. */
    Answer metadata() {
        return Answer.json(200, "{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + issuer() + "/token\"}");
    }

    long count(String request) {
        return requests.stream().filter(request::equals).count();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Answer answerTo(FullHttpRequest request) {
        String path = URI.create(request.uri()).getPath();
        Deque<Answer> script = scripts.get(path);
        if (script != null) {
            synchronized (script) {
                Answer next = script.poll();
                if (next != null) {
                    return next;
                }
            }
        }
        if (path.equals(METADATA_PATH) && request.method().name().equals("GET")) {
            return metadata();
        }
        if (path.equals("/token") && request.method().name().equals("POST")) {
            return Answer.json(200, "{\"access_token\":\"token-" + tokens.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
        return new Answer(Action.ANSWER, 404, Map.of("content-type", "text/plain"), "not here", false);
    }

    private final class Endpoints extends SimpleChannelInboundHandler<FullHttpRequest> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            requests.add(request.method().name() + " " + URI.create(request.uri()).getPath());
            if (request.uri().equals("/token")) {
                String form = request.content().toString(StandardCharsets.UTF_8);
                for (String pair : form.split("&")) {
                    if (pair.startsWith("client_assertion=")) {
                        assertions.add(URLDecoder.decode(pair.substring(17), StandardCharsets.UTF_8));
                    }
                }
            }
            Answer answer = answerTo(request);
            switch (answer.action()) {
                case DROP -> ctx.close();
                case HANG -> { }
                case ANSWER -> answer(ctx, answer);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // e.g. the client refused the certificate
        }

        private void answer(ChannelHandlerContext ctx, Answer answer) {
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            HttpResponse response = answer.chunked()
                    ? new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()))
                    : new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()),
                    Unpooled.wrappedBuffer(body));
            answer.headers().forEach(response.headers()::set);
            if (answer.chunked()) {
                HttpUtil.setTransferEncodingChunked(response, true);
            } else {
                HttpUtil.setContentLength(response, body.length);
            }
            if (sayConnectionClose.get()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ctx.write(response);
            ctx.writeAndFlush(answer.chunked()
                    ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(body)) : Unpooled.EMPTY_BUFFER);
        }
    }
}
