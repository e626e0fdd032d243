package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.UplinkConnector;
import io.netty.handler.codec.http2.Http2Error;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.onvifcloud.uplink.UplinkStatus;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The camera is a real HTTP/2 server although it opened the connection (trap 1): standard clients,
 * which start with stream 1, work against it, and its server protections hold.
 */
class CameraServerRoleTest {

    private static UplinkTransport transport;

    @BeforeAll
    static void threads() {
        transport = UplinkTransport.create(2);
    }

    @AfterAll
    static void stopThreads() {
        transport.close();
    }

    private static UplinkConnector cameraBehind(Relay relay, UplinkLimits limits, List<UplinkStatus> statuses) {
        UplinkConnector camera = Cameras.withToken(transport, relay.cameraUrl(), "cam-s", new TestCameraHandler("s"))
                .limits(limits)
                .statusListener(statuses::add)
                .build();
        camera.start();
        await().atMost(TestCloud.PATIENCE).until(relay::cameraConnected);
        Cameras.awaitStatus(camera, s -> s.status() == ConnectionStatus.Connected);
        return camera;
    }

    private static UplinkConnector cameraBehind(Relay relay, UplinkLimits limits) {
        return cameraBehind(relay, limits, new CopyOnWriteArrayList<>());
    }

    @Test
    void client_using_stream_1_gets_its_response() {
        try (Relay relay = new Relay(transport);
             UplinkConnector camera = cameraBehind(relay, UplinkLimits.defaults());
             Http2TestClient client = new Http2TestClient(transport, relay.port())) {
            Http2TestClient.Response first = client.get(1, "/info").orTimeout(30, TimeUnit.SECONDS).join();
            Http2TestClient.Response second = client.get(3, "/info?again").orTimeout(30, TimeUnit.SECONDS).join();

            assertThat(first.status()).isEqualTo("200");
            assertThat(first.body()).isEqualTo("camera=s level=Operator method=GET path=/info");
            assertThat(second.body()).endsWith("path=/info?again");
            assertThat(camera.status().status()).isEqualTo(ConnectionStatus.Connected);
        }
    }

    @Test
    @SuppressWarnings("try")
    void curl_with_prior_knowledge_talks_to_the_camera() throws Exception {
        assumeTrue(curlWithHttp2(), "curl with HTTP/2 support is not installed");
        try (Relay relay = new Relay(transport);
             UplinkConnector camera = cameraBehind(relay, UplinkLimits.defaults())) {
            Process curl = new ProcessBuilder("curl", "--http2-prior-knowledge", "--silent", "--show-error",
                    "--max-time", "20", "http://127.0.0.1:" + relay.port() + "/info?from=curl")
                    .redirectErrorStream(true).start();
            assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).isEqualTo("camera=s level=Operator method=GET path=/info?from=curl");
            assertThat(curl.exitValue()).isZero();
        }
    }

    @Test
    @SuppressWarnings("try")
    void rapid_reset_abuse_gets_goaway_enhance_your_calm() {
        UplinkLimits strict = UplinkLimits.defaults().withResets(20, Duration.ofSeconds(60));
        List<UplinkStatus> statuses = new CopyOnWriteArrayList<>();
        try (Relay relay = new Relay(transport);
             UplinkConnector camera = cameraBehind(relay, strict, statuses);
             Http2TestClient client = new Http2TestClient(transport, relay.port())) {
            client.rapidReset(60);

            assertThat(client.goAway.orTimeout(30, TimeUnit.SECONDS).join())
                    .isEqualTo(Http2Error.ENHANCE_YOUR_CALM.code());
            await().atMost(TestCloud.PATIENCE).until(() -> !client.isOpen());
            await().atMost(TestCloud.PATIENCE).until(() -> statuses.stream().anyMatch(s -> s.error()
                    .filter(e -> e.contains("ENHANCE_YOUR_CALM")).isPresent()));
        }
    }

    @Test
    void request_body_other_than_its_content_length_is_reset_and_not_handled() {
        try (Relay relay = new Relay(transport);
             UplinkConnector camera = cameraBehind(relay, UplinkLimits.defaults());
             Http2TestClient client = new Http2TestClient(transport, relay.port())) {
            var shorter = client.post(1, "/info?short", 10, new byte[5]);
            var longer = client.post(3, "/info?long", 10, new byte[20]);

            assertThat(client.reset(1).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
            assertThat(client.reset(3).orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo(Http2Error.PROTOCOL_ERROR.code());
            Http2TestClient.Response next = client.post(5, "/info?exact", 10, new byte[10])
                    .orTimeout(30, TimeUnit.SECONDS).join();
            assertThat(next.body()).endsWith("path=/info?exact");
            assertThat(shorter).isNotDone();
            assertThat(longer).isNotDone();
        }
    }

    private static boolean curlWithHttp2() {
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && version.contains("HTTP2");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
