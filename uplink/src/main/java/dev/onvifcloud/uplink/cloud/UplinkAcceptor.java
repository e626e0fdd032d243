package dev.onvifcloud.uplink.cloud;

import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.internal.Http2Codecs;
import dev.onvifcloud.uplink.internal.LivenessHandler;
import dev.onvifcloud.uplink.internal.ReverseHttp2ClientHandler;
import dev.onvifcloud.uplink.internal.TlsContexts;
import dev.onvifcloud.uplink.internal.TunnelObserver;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The cloud's end of the uplink: a TLS server that accepts cameras' {@code h2c-reverse} upgrade requests
 * on one path, authenticates them through an {@link UplinkAuthenticator}, and then acts as the HTTP/2
 * client of each camera. Live sessions are in {@link #sessions()}.
 *
 * <p>At most {@link Builder#maxConcurrentUpgrades} connections are between accept and upgrade at once;
 * a connection beyond is closed at once, before its TLS handshake, and the camera retries by its
 * reconnect schedule (see {@link #refusedConnections()}).
 */
public final class UplinkAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkAcceptor.class);

    /** The builder's settings, frozen at {@link Builder#build()}. */
    private record Settings(InetSocketAddress bindAddress, String path, UplinkAuthenticator authenticator,
                            UplinkLimits limits, Duration requestTimeout, int maxPendingRequests,
                            Duration upgradeTimeout, Duration pingAfterIdle, Duration receiveTimeout, Clock clock,
                            Optional<Executor> completionExecutor) {
    }

    private final Settings settings;
    private final SslContext sslContext;
    private final UplinkTransport transport;
    private final boolean ownsTransport;
    private final UplinkSessions sessions = new UplinkSessions();
    private final UpgradeAdmission admission;
    private final ChannelGroup connections = new DefaultChannelGroup("uplink-acceptor", GlobalEventExecutor.INSTANCE);
    private Channel server;

    private UplinkAcceptor(Builder b, SslContext sslContext) {
        this.settings = new Settings(b.bindAddress, b.path, b.authenticator, b.limits, b.requestTimeout,
                b.maxPendingRequests, b.upgradeTimeout, b.pingAfterIdle, b.receiveTimeout, b.clock,
                Optional.ofNullable(b.completionExecutor));
        this.admission = new UpgradeAdmission(b.maxConcurrentUpgrades);
        this.sslContext = sslContext;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? UplinkTransport.create() : b.transport;
        b.listeners.forEach(sessions::addListener);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts accepting; returns this acceptor. */
    public UplinkAcceptor start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.threads().ioThreads())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admission.tryAdmit()) {
                            // over the cap: no handshake, the camera fails fast and backs off
                            LOG.debug("refused uplink connection from {}: {} upgrades in progress",
                                    ch.remoteAddress(), admission.limit());
                            ch.close();
                            return;
                        }
                        Runnable admitted = admission.admitted();
                        ch.closeFuture().addListener(f -> admitted.run());
                        connections.add(ch);
                        SslHandler tls = sslContext.newHandler(ch.alloc());
                        tls.setHandshakeTimeout(settings.upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                        ch.pipeline()
                                .addLast("tls", tls)
                                .addLast("http-decoder", new HttpRequestDecoder(new HttpDecoderConfig()
                                        .setMaxInitialLineLength(4096).setMaxHeaderSize(8192)))
                                .addLast("http-encoder", new HttpResponseEncoder())
                                .addLast("upgrade", new UpgradeResponder(settings.path(), settings.authenticator(),
                                        settings.upgradeTimeout(), (ctx, after, identity) -> {
                                            admitted.run();
                                            startSession(ctx, after, identity);
                                        }));
                    }
                });
        try {
            server = bootstrap.bind(settings.bindAddress()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            if (ownsTransport) {
                transport.close();
            }
            throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ": " + e.getMessage(), e);
        }
        LOG.info("uplink acceptor listening on {}{}", server.localAddress(), settings.path());
        return this;
    }

    /** The bound address (with the real port when bound to port 0). */
    public InetSocketAddress localAddress() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) server.localAddress();
    }

    public UplinkSessions sessions() {
        return sessions;
    }

    /** The TLS context every connection's handshake uses (tests check its implementation). */
    SslContext sslContext() {
        return sslContext;
    }

    /** Connections accepted and not yet upgraded (TLS handshake, upgrade request, authentication). */
    public int upgradesInProgress() {
        return admission.inProgress();
    }

    /** Connections closed before their handshake because {@code maxConcurrentUpgrades} were in progress. */
    public long refusedConnections() {
        return admission.refused();
    }

    private void startSession(ChannelHandlerContext ctx, String after, CameraIdentity identity) {
        Channel channel = ctx.channel();
        TunnelObserver observer = new TunnelObserver() {
            @Override
            public void upgraded() {
            }

            @Override
            public void problem(String reason) {
                LOG.info("uplink session of camera {}: {}", identity, reason);
            }
        };
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(after, "flush", Http2Codecs.flushConsolidation());
        pipeline.addAfter("flush", "h2", Http2Codecs.cloud(settings.limits()));
        pipeline.addAfter("h2", "liveness", new LivenessHandler(settings.pingAfterIdle(), settings.receiveTimeout(),
                observer));
        ReverseHttp2ClientHandler requests = new ReverseHttp2ClientHandler(settings.limits().maxConcurrentStreams(),
                settings.maxPendingRequests(), transport.threads().workers(),
                settings.completionExecutor().orElse(transport.threads().workers()), observer,
                settings.limits().connectionWindow());
        pipeline.addAfter("liveness", "requests", requests);
        UplinkSession session = new UplinkSession(identity, channel, requests, settings.requestTimeout(),
                settings.clock().instant());
        LOG.debug("uplink session of camera {} up from {}", identity, channel.remoteAddress());
        sessions.register(session);
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Settings of an acceptor; {@link #build()} names what is missing. */
    public static final class Builder {
        private InetSocketAddress bindAddress = new InetSocketAddress("127.0.0.1", 0);
        private String path = "/uplink";
        private TlsCredential serverCredential;
        private List<X509Certificate> clientTrustAnchors = List.of();
        private TlsImplementation tlsImplementation = TlsImplementation.defaultChoice();
        private UplinkAuthenticator authenticator;
        private final List<SessionListener> listeners = new ArrayList<>();
        private UplinkLimits limits = UplinkLimits.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxPendingRequests = 1000;
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private Duration pingAfterIdle = Duration.ofSeconds(20);
        private Duration receiveTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private UplinkTransport transport;
        private Executor completionExecutor;
        private int maxConcurrentUpgrades = defaultMaxConcurrentUpgrades();

        private Builder() {
        }

        /** 64 per available processor: enough to keep the CPUs busy with handshakes over slow links. */
        public static int defaultMaxConcurrentUpgrades() {
            return 64 * Runtime.getRuntime().availableProcessors();
        }

        /**
         * Connections that may be between accept and upgrade at once (TLS handshake, upgrade request,
         * authentication; default {@link #defaultMaxConcurrentUpgrades()}). A connection beyond is closed
         * before its handshake, so that in a reconnect storm cameras back off instead of timing out.
         */
        public Builder maxConcurrentUpgrades(int maxConcurrentUpgrades) {
            if (maxConcurrentUpgrades < 1) {
                throw new IllegalArgumentException("maxConcurrentUpgrades must be positive");
            }
            this.maxConcurrentUpgrades = maxConcurrentUpgrades;
            return this;
        }

        /**
         * Where the futures of {@link UplinkSession#send} complete, and so where their non-async dependent
         * stages run (default: the transport's worker pool, one hand-off per response). {@code Runnable::run}
         * completes them on the network thread and saves that hand-off: only for callers whose
         * continuations never block, not even to read a body larger than 16 KiB or of unknown length.
         */
        public Builder completionExecutor(Executor completionExecutor) {
            this.completionExecutor = Objects.requireNonNull(completionExecutor);
            return this;
        }

        /** Where to listen (default 127.0.0.1, port 0). */
        public Builder bindAddress(InetSocketAddress bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /** The path cameras upgrade on (default {@code /uplink}); others get 404. */
        public Builder path(String path) {
            if (!Objects.requireNonNull(path).startsWith("/")) {
                throw new IllegalArgumentException("path must start with /");
            }
            this.path = path;
            return this;
        }

        /** The cloud's TLS server key and certificate chain. */
        public Builder serverCredential(TlsCredential serverCredential) {
            this.serverCredential = Objects.requireNonNull(serverCredential);
            return this;
        }

        /** Trust anchors for cameras' client certificates (mTLS); without them no certificate is requested. */
        public Builder clientTrustAnchors(List<X509Certificate> clientTrustAnchors) {
            this.clientTrustAnchors = List.copyOf(clientTrustAnchors);
            return this;
        }

        /** OpenSSL or the JDK for TLS; default {@link TlsImplementation#AUTO} (OpenSSL when it loads). */
        public Builder tlsImplementation(TlsImplementation tlsImplementation) {
            this.tlsImplementation = Objects.requireNonNull(tlsImplementation, "tlsImplementation");
            return this;
        }

        public Builder authenticator(UplinkAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator);
            return this;
        }

        public Builder sessionListener(SessionListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public Builder limits(UplinkLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Default time for a request to get its response headers (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Requests per session that may wait for a free stream (default 1000); beyond, fail fast. */
        public Builder maxPendingRequests(int maxPendingRequests) {
            if (maxPendingRequests < 0) {
                throw new IllegalArgumentException("maxPendingRequests must not be negative");
            }
            this.maxPendingRequests = maxPendingRequests;
            return this;
        }

        /** Time from accept to an authenticated upgrade (TLS handshake included); then close (default 10 s). */
        public Builder upgradeTimeout(Duration upgradeTimeout) {
            this.upgradeTimeout = positive(upgradeTimeout, "upgradeTimeout");
            return this;
        }

        /** PING a camera after this long without receiving anything (default 20 s). */
        public Builder pingAfterIdle(Duration pingAfterIdle) {
            this.pingAfterIdle = positive(pingAfterIdle, "pingAfterIdle");
            return this;
        }

        /** Close a session after this long without receiving anything (default 60 s). */
        public Builder receiveTimeout(Duration receiveTimeout) {
            this.receiveTimeout = positive(receiveTimeout, "receiveTimeout");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Threads to share; without it the acceptor runs its own. */
        public Builder transport(UplinkTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        public UplinkAcceptor build() {
            List<String> problems = new ArrayList<>();
            if (serverCredential == null) {
                problems.add("serverCredential is required");
            }
            if (authenticator == null) {
                problems.add("authenticator is required");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid uplink acceptor settings: " + String.join("; ", problems));
            }
            try {
                return new UplinkAcceptor(this, TlsContexts.cloud(tlsImplementation, serverCredential,
                        clientTrustAnchors));
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
