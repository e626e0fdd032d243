package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The camera's side of the tests, by path: {@code /info} describes the request, {@code /digest} hashes
 * the request body, {@code /generate?n=N} streams N pattern bytes, {@code /echo} streams the request
 * body back, {@code /gate} answers once {@link #gateSize} requests wait at once, {@code /reject} answers 413
 * without reading the body, {@code /hang} never answers.
 */
final class TestCameraHandler implements UplinkRequestHandler {

    final String name;
    volatile int gateSize = Integer.MAX_VALUE;
    private final AtomicInteger atGate = new AtomicInteger();
    private final CompletableFuture<Void> gateOpen = new CompletableFuture<>();
    final AtomicInteger maxAtGate = new AtomicInteger();

    TestCameraHandler(String name) {
        this.name = name;
    }

    @Override
    public CompletionStage<UplinkResponse> handle(UplinkRequest request, UserLevel level) {
        String path = request.path();
        try {
            if (path.startsWith("/info")) {
                request.body().readAllBytes();
                return ok("camera=" + name + " level=" + level + " method=" + request.method() + " path=" + path
                        + request.headers().first("x-test").map(v -> " x-test=" + v).orElse(""));
            }
            if (path.startsWith("/digest")) {
                return ok(PatternStream.sha256(request.body().stream()));
            }
            if (path.startsWith("/generate?n=")) {
                long n = Long.parseLong(path.substring("/generate?n=".length()));
                return CompletableFuture.completedFuture(UplinkResponse.of(200,
                        UplinkHeaders.of("content-type", "application/octet-stream"),
                        UplinkBody.of(new PatternStream(n), n)));
            }
            if (path.startsWith("/echo")) {
                return CompletableFuture.completedFuture(UplinkResponse.of(200, UplinkHeaders.empty(),
                        UplinkBody.of(request.body().stream())));
            }
            if (path.startsWith("/gate")) {
                int now = atGate.incrementAndGet();
                maxAtGate.accumulateAndGet(now, Math::max);
                if (now >= gateSize) {
                    gateOpen.complete(null);
                }
                return gateOpen.thenApply(v -> {
                    atGate.decrementAndGet();
                    return UplinkResponse.of(200, UplinkHeaders.empty(), UplinkBody.utf8("passed"));
                });
            }
            if (path.startsWith("/reject")) {
                // answers at once without reading the request body
                return CompletableFuture.completedFuture(UplinkResponse.of(413, UplinkHeaders.empty(),
                        UplinkBody.utf8("too large")));
            }
            if (path.startsWith("/hang")) {
                return new CompletableFuture<>();
            }
            return CompletableFuture.completedFuture(UplinkResponse.status(404));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletionStage<UplinkResponse> ok(String text) {
        return CompletableFuture.completedFuture(UplinkResponse.of(200,
                UplinkHeaders.of("content-type", "text/plain"), UplinkBody.utf8(text)));
    }
}
