package dev.onvifcloud.device.uplink;

import dev.onvifcloud.uplink.internal.Problems;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * HTTP/1.1 over TLS to an authorization server, on shared event loops. One request at a time per connection;
 * the response is read whole up to {@link Limits#maxResponseBytes()}. The connection of the last exchange is
 * kept open for the next one until it has been idle for {@link Limits#idleTimeout()}, the server closes it or
 * answers {@code Connection: close}. A request that finds its kept-open connection closed under it, before any
 * byte of the response, is sent again once on a new connection: a GET always, other methods only if the request
 * was not written. Redirects are not followed (a 3xx is an answer like any other).
 */
final class AuthorizationServerHttp implements AutoCloseable {

    /** A request; {@code uri} is an https URL. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
            body = body.clone();
        }

        boolean idempotent() {
            return method.equals("GET");
        }
    }

    /** A response: its status code and body. */
    record Response(int status, byte[] body) {
    }

    /** Timeouts and the response size limit. */
    record Limits(Duration connectTimeout, Duration requestTimeout, Duration idleTimeout, int maxResponseBytes) {
        Limits {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
            }
        }
    }

    /** Why an exchange got no response. */
    static final class Failure extends IOException {

        enum Reason {
            /** The TCP connection could not be made (refused, timed out, unknown host). */
            CANNOT_CONNECT,
            /** The TLS handshake failed: untrusted certificate, wrong host name, protocol error. */
            TLS,
            /** No whole response within the request timeout. */
            TIMEOUT,
            /** The connection closed or broke before the whole response. */
            CONNECTION_CLOSED,
            /** The response (head or body) is over the size limit. */
            RESPONSE_TOO_LARGE,
            /** The response is not HTTP/1.1. */
            MALFORMED_RESPONSE,
            /** This client was closed. */
            CLOSED
        }

        private final Reason reason;

        Failure(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = Objects.requireNonNull(reason, "reason");
        }

        Reason reason() {
            return reason;
        }
    }

    /** Where a connection goes: host (no brackets) and port, and the Host header. */
    record Origin(String host, int port, String authority) {

        static Origin of(URI uri) {
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(uri + " is not an https URL");
            }
            String host = uri.getHost();
            int port = uri.getPort() == -1 ? 443 : uri.getPort();
            String authority = port == 443 ? host : host + ":" + port;
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new Origin(host, port, authority);
        }
    }

    /** A connection that passed the TLS handshake, with the handler of its exchanges. */
    private record Connection(Origin origin, Channel channel, Http1Exchange exchange) {
    }

    /** The kept-open connection and the timer that closes it. */
    private static final class Idle {
        final Connection connection;
        ScheduledFuture<?> timer;

        Idle(Connection connection) {
            this.connection = connection;
        }
    }

    private final SslContext tls;
    private final EventLoopGroup group;
    private final Limits limits;
    private Idle idle; // guarded by this
    private boolean closed; // guarded by this

    AuthorizationServerHttp(SslContext tls, EventLoopGroup group, Limits limits) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.group = Objects.requireNonNull(group, "group");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Sends {@code request}; the stage fails with a {@link Failure} when there is no response. Completes on an
     * event loop thread.
     */
    CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        Origin origin;
        try {
            origin = Origin.of(request.uri());
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new Failure(Failure.Reason.CANNOT_CONNECT, e.getMessage(), e));
            return result;
        }
        Connection kept;
        synchronized (this) {
            if (closed) {
                result.completeExceptionally(new Failure(Failure.Reason.CLOSED, "the client is closed", null));
                return result;
            }
            kept = takeIdle(origin);
        }
        if (kept != null) {
            attempt(kept, request, result, true);
        } else {
            connectAndAttempt(origin, request, result);
        }
        return result;
    }

    /** Closes the kept-open connection; later requests fail. */
    @Override
    public void close() {
        Idle last;
        synchronized (this) {
            closed = true;
            last = idle;
            idle = null;
        }
        if (last != null) {
            last.timer.cancel(false);
            last.connection.channel().close();
        }
    }

    private void connectAndAttempt(Origin origin, Request request, CompletableFuture<Response> result) {
        connect(origin).whenComplete((connection, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                attempt(connection, request, result, false);
            }
        });
    }

    private void attempt(Connection connection, Request request, CompletableFuture<Response> result,
                         boolean reused) {
        Http1Exchange exchange = connection.exchange();
        exchange.start(connection.channel(), request, connection.origin().authority(), limits.requestTimeout())
                .whenComplete((answer, error) -> {
                    if (error == null) {
                        release(connection, answer.keepAlive());
                        result.complete(answer.response());
                        return;
                    }
                    connection.channel().close();
                    Failure failure = error instanceof Failure f ? f
                            : new Failure(Failure.Reason.CONNECTION_CLOSED, Problems.describe(error), error);
                    boolean stale = reused && failure.reason() == Failure.Reason.CONNECTION_CLOSED
                            && !exchange.responseStarted() && (request.idempotent() || !exchange.requestWritten());
                    if (stale) {
                        connectAndAttempt(connection.origin(), request, result);
                    } else {
                        result.completeExceptionally(failure);
                    }
                });
    }

    private CompletableFuture<Connection> connect(Origin origin) {
        CompletableFuture<Connection> connected = new CompletableFuture<>();
        Http1Exchange exchange = new Http1Exchange();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, limits.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler handler = tls.newHandler(ch.alloc(), origin.host(), origin.port());
                        requestServerName(handler, origin.host());
                        handler.setHandshakeTimeout(limits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
                        ch.pipeline()
                                .addLast("tls", handler)
                                .addLast("first-byte", exchange.firstByteObserver())
                                .addLast("http", new HttpClientCodec())
                                .addLast("aggregator", new HttpObjectAggregator(limits.maxResponseBytes()))
                                .addLast("exchange", exchange);
                    }
                });
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(origin.host(), origin.port());
        } catch (RuntimeException e) { // e.g. the event loops are shut down
            connected.completeExceptionally(new Failure(Failure.Reason.CLOSED, Problems.describe(e), e));
            return connected;
        }
        Channel channel = connecting.channel();
        connecting.addListener(tcp -> {
            if (!tcp.isSuccess()) {
                connected.completeExceptionally(new Failure(Failure.Reason.CANNOT_CONNECT,
                        describeConnect(tcp.cause()), tcp.cause()));
                return;
            }
            channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(handshake -> {
                if (!handshake.isSuccess()) {
                    channel.close();
                    connected.completeExceptionally(new Failure(Failure.Reason.TLS,
                            Problems.describe(handshake.cause()), handshake.cause()));
                    return;
                }
                Connection connection = new Connection(origin, channel, exchange);
                channel.closeFuture().addListener(closed -> forget(connection));
                connected.complete(connection);
            });
        });
        return connected;
    }

    /**
     * SNI with the host name of the URL. The JDK sends it on its own only for names with a dot; IP literals get
     * none (RFC 6066). Host name verification (RFC 6125) is on in the context.
     */
    private static void requestServerName(SslHandler handler, String host) {
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            SSLParameters parameters = handler.engine().getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            handler.engine().setSSLParameters(parameters);
        }
    }

    private static String describeConnect(Throwable cause) {
        if (cause instanceof UnknownHostException) {
            return "cannot connect: unknown host " + cause.getMessage();
        }
        String described = Problems.describe(cause);
        return described.startsWith("cannot connect") ? described : "cannot connect: " + described;
    }

    // ------------------------------------------------------------------------------------------ keeping open

    /** The kept-open connection to {@code origin}, if there is one that is still open; guarded by this. */
    private Connection takeIdle(Origin origin) {
        if (idle == null || !idle.connection.origin().equals(origin)) {
            return null;
        }
        Idle taken = idle;
        idle = null;
        taken.timer.cancel(false);
        return taken.connection.channel().isActive() ? taken.connection : null;
    }

    /** Keeps {@code connection} open for the next request (in place of any other), or closes it. */
    private void release(Connection connection, boolean keepAlive) {
        Channel channel = connection.channel();
        Idle previous = null;
        boolean keep;
        synchronized (this) {
            keep = !closed && keepAlive && channel.isActive();
            if (keep) {
                Idle next = new Idle(connection);
                try {
                    next.timer = channel.eventLoop().schedule(() -> expire(next), limits.idleTimeout().toNanos(),
                            TimeUnit.NANOSECONDS);
                    previous = idle;
                    idle = next;
                } catch (RejectedExecutionException e) { // the event loops are shutting down
                    keep = false;
                }
            }
        }
        if (!keep) {
            channel.close();
        }
        if (previous != null) {
            previous.timer.cancel(false);
            previous.connection.channel().close();
        }
    }

    private void expire(Idle expired) {
        synchronized (this) {
            if (idle != expired) {
                return;
            }
            idle = null;
        }
        expired.connection.channel().close();
    }

    /** The server closed a connection: no longer keep it. */
    private void forget(Connection connection) {
        Idle gone = null;
        synchronized (this) {
            if (idle != null && idle.connection == connection) {
                gone = idle;
                idle = null;
            }
        }
        if (gone != null) {
            gone.timer.cancel(false);
        }
    }
}
