package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in Provisioning Cloud Service for tests: an HTTPS server on loopback that records every
 * {@code POST /startDeviceSharing} body and answers the statuses queued in {@link #answers} (200 when none is
 * queued); a 400 carries {@code {"error":"Invalid JWT"}}.
 */
final class StandInPcs implements AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final ApiServer server;

    StandInPcs(IssuedCredential credential) {
        server = ApiServer.builder()
                .settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain())
                .route(Route.postJson("/startDeviceSharing", request -> {
                    received.add(new String(request.body(), StandardCharsets.UTF_8));
                    Integer status = answers.poll();
                    int answer = status == null ? 200 : status;
                    return CompletableFuture.completedFuture(answer == 400
                            ? ApiResponse.json(400, "{\"error\":\"Invalid JWT\"}".getBytes(StandardCharsets.UTF_8))
                            : answer == 200 ? ApiResponse.empty(200)
                            : ApiResponse.json(answer, "{\"error\":\"down\"}".getBytes(StandardCharsets.UTF_8)));
                }))
                .build().start();
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
