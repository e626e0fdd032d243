package dev.onvifcloud.cloud.http;

import dev.onvifcloud.uplink.TlsImplementation;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The cloud's HTTPS API server: TLS 1.3/1.2 only, HTTP/2 or HTTP/1.1 (keep-alive) by ALPN, requests routed by
 * method and exact path to {@link ApiHandler}s that run on a handler executor, never on an I/O thread.
 *
 * <p>The server answers by itself, with {@link HttpProblem}'s fixed JSON bodies: an unknown path (404), a
 * known path with another method (405, with {@code Allow}), a JSON route without {@code Content-Type:
 * application/json} (415), a body over the limit (413), a header block over the limit (431), a handler that
 * failed (500, logged with the correlation id that the response carries in {@value ApiResponse#CORRELATION_ID_HEADER})
 * or no free handler thread (503).
 *
 * <pre>{@code
 * ApiServer server = ApiServer.builder()
 *         .settings(ApiServerSettings.loopback())
 *         .tlsCredential(privateKey, chain)
 *         .route(Route.get("/openapi.yaml", request -> ...))
 *         .build()
 *         .start();
 * }</pre>
 */
public final class ApiServer implements AutoCloseable {

    private static final int DEFAULT_QUEUED_REQUESTS = 1024;

    private final ApiServerSettings settings;
    private final SslContext sslContext;
    private final RouteTable routes;
    private final Executor handlerExecutor;
    private final Optional<ExecutorService> ownedExecutor;
    private EventLoopGroup ioThreads;
    private Channel serverChannel;

    private ApiServer(Builder builder, SslContext sslContext) {
        this.settings = builder.settings;
        this.sslContext = sslContext;
        this.routes = new RouteTable(builder.routes);
        if (builder.handlerExecutor.isPresent()) {
            this.handlerExecutor = builder.handlerExecutor.get();
            this.ownedExecutor = Optional.empty();
        } else {
            int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
            ExecutorService pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(DEFAULT_QUEUED_REQUESTS), new DefaultThreadFactory("api-handler", true),
                    new ThreadPoolExecutor.AbortPolicy());
            this.handlerExecutor = pool;
            this.ownedExecutor = Optional.of(pool);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts accepting connections.
     *
     * @throws IllegalStateException if already started or the port cannot be bound
     */
    public synchronized ApiServer start() {
        if (ioThreads != null) {
            throw new IllegalStateException("already started");
        }
        ioThreads = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("api-io", true),
                NioIoHandler.newFactory());
        try {
            serverChannel = new ServerBootstrap()
                    .group(ioThreads)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childHandler(new ApiChannelInitializer(sslContext, settings,
                            new RequestDispatcher(routes, handlerExecutor)))
                    .bind(settings.bindAddress(), settings.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ":" + settings.port(), e);
        }
        return this;
    }

    /** The address the server listens on; its port is the one bound when {@link ApiServerSettings#port()} is 0. */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int port() {
        return localAddress().getPort();
    }

    /**
     * The TLS implementation that serves connections: {@link SslProvider#OPENSSL} (BoringSSL) or {@link SslProvider#JDK},
     * as decided from the builder's {@link TlsImplementation} when the server was built.
     */
    public SslProvider tlsProvider() {
        return sslContext instanceof OpenSslContext ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** Stops accepting, closes every connection and, if the server created it, stops the handler executor. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (ioThreads != null) {
            ioThreads.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        ownedExecutor.ifPresent(ExecutorService::shutdownNow);
    }

    /** Collects the settings, the TLS credential and the routes; {@link #build()} checks them. */
    public static final class Builder {

        private ApiServerSettings settings = ApiServerSettings.loopback();
        private PrivateKey privateKey;
        private List<X509Certificate> chain = List.of();
        private final List<Route> routes = new ArrayList<>();
        private Optional<Executor> handlerExecutor = Optional.empty();
        private TlsImplementation tlsImplementation = TlsImplementation.defaultChoice();

        private Builder() {
        }

        /** Default {@link ApiServerSettings#loopback()}. */
        public Builder settings(ApiServerSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** The server's private key and certificate chain, leaf first. Required. */
        public Builder tlsCredential(PrivateKey key, List<X509Certificate> certificateChain) {
            this.privateKey = Objects.requireNonNull(key, "key");
            this.chain = List.copyOf(certificateChain);
            return this;
        }

        /** OpenSSL or the JDK for TLS; default {@link TlsImplementation#AUTO} (OpenSSL with ALPN when it loads). */
        public Builder tlsImplementation(TlsImplementation value) {
            this.tlsImplementation = Objects.requireNonNull(value, "tlsImplementation");
            return this;
        }

        public Builder route(Route route) {
            routes.add(Objects.requireNonNull(route, "route"));
            return this;
        }

        public Builder routes(Collection<Route> more) {
            more.forEach(this::route);
            return this;
        }

        /**
         * Where handlers run; the caller keeps ownership. Default: a pool of the server's own (2 threads per
         * core, at least 4, {@value #DEFAULT_QUEUED_REQUESTS} queued requests, then 503), stopped by {@link #close()}.
         */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = Optional.of(executor);
            return this;
        }

        /**
         * @throws IllegalStateException naming what is missing or conflicting: no TLS credential, two routes for
         *     one method and path, a key the TLS stack refuses, or OpenSSL configured but not usable
         */
        public ApiServer build() {
            if (privateKey == null || chain.isEmpty()) {
                throw new IllegalStateException("tlsCredential is required: the API is served over HTTPS only");
            }
            try {
                new RouteTable(routes);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            try {
                SslContext context = SslContextBuilder.forServer(privateKey, chain)
                        .sslProvider(tlsImplementation.sslProviderWithAlpn())
                        .protocols("TLSv1.3", "TLSv1.2")
                        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                        .build();
                return new ApiServer(this, context);
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalStateException("the TLS credential cannot be used", e);
            }
        }
    }
}
