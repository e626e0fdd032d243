package dev.onvifcloud.uplink.cloud;

import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.internal.ReverseHttp2ClientHandler;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One camera's live uplink, seen from the cloud: send HTTP requests to the camera through it.
 *
 * <p>Up to {@code UplinkLimits.maxConcurrentStreams} requests (and no more than the camera allows) run
 * at once; further requests wait in a bounded queue and fail fast with
 * {@link UplinkException.Reason#TOO_MANY_PENDING_REQUESTS} when it is full. The request timeout covers
 * the wait and ends when the response headers arrive; read or close every response body.
 */
public final class UplinkSession {

    private final CameraIdentity identity;
    private final Channel channel;
    private final ReverseHttp2ClientHandler requests;
    private final Duration requestTimeout;
    private final Instant established;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    UplinkSession(CameraIdentity identity, Channel channel, ReverseHttp2ClientHandler requests,
                  Duration requestTimeout, Instant established) {
        this.identity = identity;
        this.channel = channel;
        this.requests = requests;
        this.requestTimeout = requestTimeout;
        this.established = established;
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    public CameraIdentity identity() {
        return identity;
    }

    public Optional<InetSocketAddress> remoteAddress() {
        SocketAddress a = channel.remoteAddress();
        return a instanceof InetSocketAddress inet ? Optional.of(inet) : Optional.empty();
    }

    public Instant established() {
        return established;
    }

    /** Sends a request with the acceptor's default request timeout. */
    public CompletableFuture<UplinkResponse> send(UplinkRequest request) {
        return send(request, requestTimeout);
    }

    /**
     * Sends a request to the camera. The future fails with {@link UplinkException} (in a
     * {@code CompletionException} when joined). It completes on the acceptor's completion executor: by
     * default a worker thread, never a network thread, so dependent stages may block (see
     * {@link UplinkAcceptor.Builder#completionExecutor}). A response whose {@code content-length} is at
     * most 16 KiB arrives with its whole body in memory (reading it does not block); a larger one
     * streams.
     */
    public CompletableFuture<UplinkResponse> send(UplinkRequest request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        return requests.send(request, timeout);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Closes the session: GOAWAY, then the connection closes once open streams are done (bounded). */
    public CompletionStage<Void> close() {
        return close("uplink session closed by the cloud");
    }

    CompletionStage<Void> close(String reason) {
        requests.closeReason(reason);
        channel.close();
        return closed;
    }

    /** Completes when the session's connection is closed. */
    public CompletionStage<Void> closed() {
        return closed;
    }

    @Override
    public String toString() {
        return "UplinkSession[" + identity + ", " + remoteAddress().map(Object::toString).orElse("?")
                + (isOpen() ? "" : ", closed") + "]";
    }
}
