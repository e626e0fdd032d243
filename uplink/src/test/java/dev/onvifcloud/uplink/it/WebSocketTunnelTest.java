package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.UplinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** h2c-reverse over WebSocket ({@code wss://}): HTTP/2 in binary messages, token as query parameter. */
class WebSocketTunnelTest {

    private static UplinkTransport transport;
    private static TestCloud cloud;

    @BeforeAll
    static void startCloud() {
        transport = UplinkTransport.create(2);
        cloud = TestCloud.start(transport);
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
        transport.close();
    }

    private static String wssUrl() {
        return "wss://localhost:" + cloud.port() + "/uplink";
    }

    @Test
    void requests_and_large_bodies_flow_through_a_websocket_uplink() throws Exception {
        long size = 20L * 1024 * 1024;
        try (UplinkConnector camera = Cameras.withToken(transport, wssUrl(), "cam-ws", new TestCameraHandler("ws"))
                .build()) {
            camera.start();
            UplinkSession session = cloud.awaitSession("cam-ws");
            Cameras.awaitStatus(camera, s -> s.status() == ConnectionStatus.Connected);

            UplinkResponse info = session.send(UplinkRequest.get("/info")).orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(info.body().readUtf8()).isEqualTo("camera=ws level=Operator method=GET path=/info");

            CompletableFuture<UplinkResponse> up = session.send(UplinkRequest.post("/digest", UplinkHeaders.empty(),
                    UplinkBody.of(new PatternStream(size), size)));
            UplinkResponse down = session.send(UplinkRequest.get("/generate?n=" + size))
                    .orTimeout(60, TimeUnit.SECONDS).join();
            assertThat(PatternStream.sha256(down.body().stream())).isEqualTo(PatternStream.sha256(size));
            assertThat(up.orTimeout(60, TimeUnit.SECONDS).join().body().readUtf8())
                    .isEqualTo(PatternStream.sha256(size));
        }
    }

    @Test
    void many_concurrent_streams_over_websocket() {
        TestCameraHandler handler = new TestCameraHandler("ws-gate");
        handler.gateSize = 100;
        try (UplinkConnector camera = Cameras.withToken(transport, wssUrl(), "cam-ws-gate", handler).build()) {
            camera.start();
            UplinkSession session = cloud.awaitSession("cam-ws-gate");
            List<CompletableFuture<UplinkResponse>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                all.add(session.send(UplinkRequest.get("/gate")));
            }
            all.forEach(f -> assertThat(f.orTimeout(60, TimeUnit.SECONDS).join().status()).isEqualTo(200));
        }
    }

    @Test
    void invalid_token_over_websocket_gets_401() {
        try (UplinkConnector camera = Cameras.base(transport, wssUrl(), "cam-ws-bad", new TestCameraHandler("b"))
                .accessTokens(() -> CompletableFuture.completedFuture(new AccessToken("forged", Optional.empty())))
                .build()) {
            camera.start();
            assertThat(Cameras.awaitStatus(camera, s -> s.error().isPresent()).error())
                    .hasValueSatisfying(e -> assertThat(e).contains("HTTP 401"));
        }
    }

    @Test
    void idle_websocket_uplink_is_kept_alive_by_http2_pings() {
        try (UplinkConnector camera = Cameras.withToken(transport, wssUrl(), "cam-ws-idle", new TestCameraHandler("i"))
                .pingAfterIdle(Duration.ofMillis(100))
                .receiveTimeout(Duration.ofSeconds(3))
                .build()) {
            camera.start();
            UplinkSession session = cloud.awaitSession("cam-ws-idle");
            org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(4)).atMost(TestCloud.PATIENCE)
                    .until(() -> true);
            assertThat(session.isOpen()).isTrue();
            assertThat(camera.status().status()).isEqualTo(ConnectionStatus.Connected);
        }
    }
}
