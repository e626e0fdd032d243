package dev.onvifcloud.uplink.device;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.internal.Http2Codecs;
import dev.onvifcloud.uplink.internal.LivenessHandler;
import dev.onvifcloud.uplink.internal.Problems;
import dev.onvifcloud.uplink.internal.ReverseHttp2ServerHandler;
import dev.onvifcloud.uplink.internal.TunnelObserver;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.security.cert.X509Certificate;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Keeps one configured uplink (an {@code UplinkConfiguration}) connected: TLS to the cloud with the
 * cloud's certificate checked against the uplink's trust anchors, upgrade to {@code h2c-reverse},
 * HTTP/2 server role, requests to the {@link UplinkRequestHandler} with the uplink's user level; PING
 * when idle, reconnect when nothing was received for the receive timeout or the connection fails, with
 * the camera's individual ascending interval. A camera runs one connector per configured uplink, all in
 * parallel.
 *
 * <p>{@code https} addresses use native h2c-reverse, {@code wss} addresses h2c-reverse over WebSocket
 * (RFC 6455, subprotocol {@code h2c-reverse}, HTTP/2 in binary messages, the access token as the
 * {@code access_token} query parameter).
 *
 * <p>Authentication is either an access token ({@link Builder#accessTokens}) or mTLS with the camera's
 * certificate ({@link Builder#clientCredential}), never both (the spec's AmbiguousAuthentication).
 */
public final class UplinkConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkConnector.class);

    private final RemoteAddress remoteAddress;
    private final SslContext sslContext;
    private final Optional<AccessTokenSupplier> accessTokens;
    private final UserLevel userLevel;
    private final UplinkRequestHandler requestHandler;
    private final String cameraIdentity;
    private final ReconnectSchedule reconnectSchedule;
    private final Duration pingAfterIdle;
    private final Duration receiveTimeout;
    private final Duration connectTimeout;
    private final Duration tokenRefreshMargin;
    private final UplinkLimits limits;
    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<UplinkStatus> statusListener;
    private final UplinkTransport transport;
    private final boolean ownsTransport;
    private final EventLoop loop;
    private final SecureRandom keys = new SecureRandom();

    // confined to loop
    private boolean started;
    private boolean closed;
    private int failures;
    private AccessToken token;
    private Attempt current;
    private ScheduledFuture<?> retry;
    private volatile UplinkStatus status;

    private UplinkConnector(Builder b, SslContext sslContext) {
        this.remoteAddress = b.remoteAddress;
        this.sslContext = sslContext;
        this.accessTokens = Optional.ofNullable(b.accessTokens);
        this.userLevel = b.userLevel;
        this.requestHandler = b.requestHandler;
        this.cameraIdentity = b.cameraIdentity;
        this.reconnectSchedule = b.reconnectSchedule;
        this.pingAfterIdle = b.pingAfterIdle;
        this.receiveTimeout = b.receiveTimeout;
        this.connectTimeout = b.connectTimeout;
        this.tokenRefreshMargin = b.tokenRefreshMargin;
        this.limits = b.limits;
        this.clock = b.clock;
        this.random = b.random;
        this.statusListener = b.statusListener;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? UplinkTransport.create(1) : b.transport;
        this.loop = transport.threads().ioThreads().next();
        this.status = UplinkStatus.offline(clock.instant());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The uplink's key. */
    public RemoteAddress remoteAddress() {
        return remoteAddress;
    }

    public UserLevel userLevel() {
        return userLevel;
    }

    /** The TLS context of every connection attempt (tests check its implementation). */
    SslContext sslContext() {
        return sslContext;
    }

    /** Current status and last error, as GetUplinks reports them. */
    public UplinkStatus status() {
        return status;
    }

    /** Starts connecting; from now on the connector keeps the uplink up until closed. */
    public void start() {
        loop.execute(() -> {
            if (!started && !closed) {
                started = true;
                connect();
            }
        });
    }

    /** Closes the uplink and stops reconnecting. Returns when the connection is closed. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            Channel ch = current == null ? null : current.channel;
            setStatus(ConnectionStatus.Offline, Optional.empty());
            if (ch != null) {
                ch.close().addListener(f -> done.complete(null));
            } else {
                done.complete(null);
            }
        });
        if (!loop.inEventLoop()) { // e.g. closed from a status listener: do not wait for ourselves
            done.orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        if (ownsTransport) {
            transport.close();
        }
    }

    private void connect() {
        retry = null;
        if (closed) {
            return;
        }
        setStatus(ConnectionStatus.Connecting, status.error());
        bearerToken().whenComplete((bearer, error) -> loop.execute(() -> {
            if (closed) {
                return;
            }
            if (error != null) {
                attemptFailed("cannot get an access token: " + Problems.describe(error));
            } else {
                open(bearer);
            }
        }));
    }

    private CompletionStage<Optional<String>> bearerToken() {
        if (accessTokens.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (token != null && !token.expiresWithin(tokenRefreshMargin, clock)) {
            return CompletableFuture.completedFuture(Optional.of(token.value()));
        }
        CompletionStage<AccessToken> fetched;
        try {
            fetched = Objects.requireNonNull(accessTokens.get().fetch(), "access token supplier returned null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fetched.thenApply(t -> {
            Objects.requireNonNull(t, "access token supplier yielded null");
            loop.execute(() -> token = t);
            return Optional.of(t.value());
        });
    }

    private void open(Optional<String> bearer) {
        Attempt attempt = new Attempt();
        current = attempt;
        Optional<String> webSocketKey = Optional.empty();
        if (remoteAddress.scheme().equals("wss")) {
            byte[] key = new byte[16];
            keys.nextBytes(key);
            webSocketKey = Optional.of(Base64.getEncoder().encodeToString(key));
        }
        UpgradeRequester requester = new UpgradeRequester(remoteAddress, bearer, webSocketKey, this::installHttp2,
                attempt, connectTimeout);
        attempt.requester = requester;
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = sslContext.newHandler(ch.alloc(), remoteAddress.host(), remoteAddress.port());
                        requestServerName(tls);
                        tls.setHandshakeTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
                        ch.pipeline()
                                .addLast("tls", tls)
                                .addLast("http-encoder", new HttpRequestEncoder())
                                .addLast("http-decoder", new HttpResponseDecoder())
                                .addLast("upgrade", requester);
                    }
                });
        ChannelFuture connected = bootstrap.connect(remoteAddress.host(), remoteAddress.port());
        attempt.channel = connected.channel();
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                attempt.problem(Problems.describe(f.cause()));
            }
        });
        attempt.channel.closeFuture().addListener(f -> loop.execute(() -> disconnected(attempt)));
    }

    /**
     * SNI with the host name of the RemoteAddress. The JDK sends it on its own only for names with a
     * dot; IP literals get none (RFC 6066). Hostname verification (RFC 6125) is on in the context.
     */
    private void requestServerName(SslHandler tls) {
        String host = remoteAddress.host();
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            SSLParameters parameters = tls.engine().getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            tls.engine().setSSLParameters(parameters);
        }
    }

    private void installHttp2(io.netty.channel.ChannelPipeline pipeline, String after) {
        Attempt attempt = current;
        pipeline.addAfter(after, "flush", Http2Codecs.flushConsolidation());
        pipeline.addAfter("flush", "h2", Http2Codecs.camera(limits));
        pipeline.addAfter("h2", "liveness", new LivenessHandler(pingAfterIdle, receiveTimeout, attempt));
        pipeline.addAfter("liveness", "requests", new ReverseHttp2ServerHandler(requestHandler, userLevel,
                transport.threads().workers(), attempt, limits.connectionWindow()));
    }

    private void disconnected(Attempt attempt) {
        if (attempt != current) {
            return;
        }
        current = null;
        if (closed) {
            return;
        }
        if (attempt.requester != null && attempt.requester.refusedStatus() == 401) {
            token = null; // refused: fetch a fresh one next time
        }
        if (attempt.upgraded && System.nanoTime() - attempt.upgradedAtNanos >= reconnectSchedule.maximum().toNanos()) {
            // the uplink was up for a while: start over at this camera's first interval. A connection
            // that drops right after the upgrade keeps the interval growing instead, so that a cloud
            // that accepts and drops at once (or two devices fighting over one identity) gets no storm
            failures = 0;
        }
        String reason = attempt.problem != null ? attempt.problem
                : attempt.upgraded ? "connection closed by the cloud" : "connection closed before the upgrade";
        attemptFailed(reason);
    }

    private void attemptFailed(String reason) {
        setStatus(ConnectionStatus.Offline, Optional.of(reason));
        Duration delay = reconnectSchedule.delay(cameraIdentity, failures, random.nextDouble());
        failures = Math.min(failures + 1, 30);
        LOG.debug("uplink {} of camera {}: {}; reconnecting in {} ms", remoteAddress, cameraIdentity, reason,
                delay.toMillis());
        retry = loop.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void setStatus(ConnectionStatus s, Optional<String> error) {
        UplinkStatus next = new UplinkStatus(s, error, clock.instant());
        UplinkStatus previous = status;
        status = next;
        if (previous.status() != s || !previous.error().equals(error)) {
            try {
                statusListener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("uplink status listener failed", e);
            }
        }
    }

    /** One connection attempt; its observer callbacks run on the loop. */
    private final class Attempt implements TunnelObserver {
        Channel channel;
        UpgradeRequester requester;
        String problem;
        boolean upgraded;
        long upgradedAtNanos;

        @Override
        public void upgraded() {
            upgraded = true;
            upgradedAtNanos = System.nanoTime();
            if (current == this && !closed) {
                setStatus(ConnectionStatus.Connected, Optional.empty());
            }
        }

        @Override
        public void problem(String reason) {
            if (problem == null) {
                problem = reason;
            }
        }
    }

    /** Settings of one uplink; {@link #build()} names what is missing or conflicting. */
    public static final class Builder {
        private RemoteAddress remoteAddress;
        private List<X509Certificate> trustAnchors = List.of();
        private AccessTokenSupplier accessTokens;
        private TlsCredential clientCredential;
        private TlsImplementation tlsImplementation = TlsImplementation.defaultChoice();
        private UserLevel userLevel;
        private UplinkRequestHandler requestHandler;
        private String cameraIdentity;
        private ReconnectSchedule reconnectSchedule = ReconnectSchedule.defaults();
        private Duration pingAfterIdle = Duration.ofSeconds(10);
        private Duration receiveTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private UplinkLimits limits = UplinkLimits.defaults();
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private Consumer<UplinkStatus> statusListener = s -> { };
        private UplinkTransport transport;

        private Builder() {
        }

        /** The spec's RemoteAddress, {@code https://host[:port]/path}. */
        public Builder remoteAddress(String remoteAddress) {
            return remoteAddress(RemoteAddress.parse(remoteAddress));
        }

        public Builder remoteAddress(RemoteAddress remoteAddress) {
            this.remoteAddress = Objects.requireNonNull(remoteAddress);
            return this;
        }

        /** Trust anchors for the cloud's server certificate (from the uplink's CertPathValidationPolicy). */
        public Builder trustAnchors(List<X509Certificate> trustAnchors) {
            this.trustAnchors = List.copyOf(trustAnchors);
            return this;
        }

        /** Access-token authentication (the uplink's AuthorizationServer). */
        public Builder accessTokens(AccessTokenSupplier accessTokens) {
            this.accessTokens = Objects.requireNonNull(accessTokens);
            return this;
        }

        /** mTLS authentication with the camera's key and certificate chain (the uplink's CertificateID). */
        public Builder clientCredential(TlsCredential clientCredential) {
            this.clientCredential = Objects.requireNonNull(clientCredential);
            return this;
        }

        /** OpenSSL or the JDK for TLS; default {@link TlsImplementation#AUTO} (OpenSSL when it loads). */
        public Builder tlsImplementation(TlsImplementation tlsImplementation) {
            this.tlsImplementation = Objects.requireNonNull(tlsImplementation, "tlsImplementation");
            return this;
        }

        public Builder userLevel(UserLevel userLevel) {
            this.userLevel = Objects.requireNonNull(userLevel);
            return this;
        }

        public Builder requestHandler(UplinkRequestHandler requestHandler) {
            this.requestHandler = Objects.requireNonNull(requestHandler);
            return this;
        }

        /** A stable identity of the camera (for example its serial number): seeds its reconnect interval. */
        public Builder cameraIdentity(String cameraIdentity) {
            this.cameraIdentity = Objects.requireNonNull(cameraIdentity);
            return this;
        }

        public Builder reconnectSchedule(ReconnectSchedule reconnectSchedule) {
            this.reconnectSchedule = Objects.requireNonNull(reconnectSchedule);
            return this;
        }

        /** PING after this long without receiving anything (default 10 s). */
        public Builder pingAfterIdle(Duration pingAfterIdle) {
            this.pingAfterIdle = positive(pingAfterIdle, "pingAfterIdle");
            return this;
        }

        /** Close and reconnect after this long without receiving anything (the spec's 30 s, the default). */
        public Builder receiveTimeout(Duration receiveTimeout) {
            this.receiveTimeout = positive(receiveTimeout, "receiveTimeout");
            return this;
        }

        /** Limit for each of TCP connect, TLS handshake and upgrade response (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** Fetch a new token before connecting when the held one expires within this margin (default 60 s). */
        public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
            this.tokenRefreshMargin = Objects.requireNonNull(tokenRefreshMargin);
            return this;
        }

        public Builder limits(UplinkLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Source of reconnect jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** Told of every status change, on a network thread: must not block. */
        public Builder statusListener(Consumer<UplinkStatus> statusListener) {
            this.statusListener = Objects.requireNonNull(statusListener);
            return this;
        }

        /** Threads to share with other connectors; without it the connector runs its own. */
        public Builder transport(UplinkTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        public UplinkConnector build() {
            List<String> problems = new ArrayList<>();
            if (remoteAddress == null) {
                problems.add("remoteAddress is required");
            }
            if (trustAnchors.isEmpty()) {
                problems.add("trustAnchors are required to verify the cloud's certificate");
            }
            if (accessTokens != null && clientCredential != null) {
                problems.add("accessTokens and clientCredential are mutually exclusive (AmbiguousAuthentication)");
            }
            if (accessTokens == null && clientCredential == null) {
                problems.add("one of accessTokens or clientCredential is required (MissingAuthentication)");
            }
            if (userLevel == null) {
                problems.add("userLevel is required");
            }
            if (requestHandler == null) {
                problems.add("requestHandler is required");
            }
            if (cameraIdentity == null || cameraIdentity.isBlank()) {
                problems.add("cameraIdentity is required");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid uplink configuration: " + String.join("; ", problems));
            }
            SslContext ssl;
            try {
                ssl = dev.onvifcloud.uplink.internal.TlsContexts.camera(tlsImplementation, trustAnchors,
                        Optional.ofNullable(clientCredential));
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
            return new UplinkConnector(this, ssl);
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
