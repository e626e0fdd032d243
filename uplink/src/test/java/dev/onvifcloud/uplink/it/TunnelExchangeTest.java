package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import dev.onvifcloud.uplink.device.UplinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests through one live tunnel over real TLS on loopback. */
class TunnelExchangeTest {

    private static final long TWENTY_MB = 20L * 1024 * 1024;

    private static UplinkTransport transport;
    private static TestCloud cloud;
    private static UplinkConnector camera;
    private static TestCameraHandler handler;
    private static UplinkSession session;

    @BeforeAll
    static void connect() {
        transport = UplinkTransport.create(2);
        cloud = TestCloud.start(transport, b -> b.limits(UplinkLimits.defaults()).maxPendingRequests(1000));
        handler = new TestCameraHandler("cam-x");
        camera = Cameras.withToken(transport, cloud.url(), "cam-x", handler).build();
        camera.start();
        session = cloud.awaitSession("cam-x");
    }

    @AfterAll
    static void disconnect() {
        camera.close();
        cloud.close();
        transport.close();
    }

    private static UplinkResponse send(UplinkRequest request) {
        return session.send(request).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void request_and_response_flow_through_the_tunnel_with_the_uplinks_user_level() {
        UplinkResponse response = send(new UplinkRequest("POST", "/info?q=1", Optional.of("camera.local"),
                UplinkHeaders.of("x-test", "yes", "content-type", "text/plain"), UplinkBody.utf8("hello")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("content-type")).contains("text/plain");
        assertThat(response.body().readUtf8())
                .isEqualTo("camera=cam-x level=Operator method=POST path=/info?q=1 x-test=yes");
        assertThat(camera.status().status()).isEqualTo(ConnectionStatus.Connected);
        assertThat(camera.status().error()).isEmpty();
    }

    @Test
    void twenty_megabytes_flow_each_way_at_once() throws Exception {
        CompletableFuture<UplinkResponse> up = session.send(UplinkRequest.post("/digest", UplinkHeaders.empty(),
                UplinkBody.of(new PatternStream(TWENTY_MB), TWENTY_MB)));
        CompletableFuture<UplinkResponse> down = session.send(UplinkRequest.get("/generate?n=" + TWENTY_MB));

        UplinkResponse downloaded = down.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(downloaded.body().length()).hasValue(TWENTY_MB);
        assertThat(PatternStream.sha256(downloaded.body().stream())).isEqualTo(PatternStream.sha256(TWENTY_MB));
        assertThat(up.orTimeout(60, TimeUnit.SECONDS).join().body().readUtf8())
                .isEqualTo(PatternStream.sha256(TWENTY_MB));
    }

    @Test
    void body_of_unknown_length_streams_back_through_an_echo() throws Exception {
        long size = 3L * 1024 * 1024 + 17;
        UplinkResponse response = send(UplinkRequest.post("/echo", UplinkHeaders.empty(),
                UplinkBody.of(new PatternStream(size))));
        assertThat(PatternStream.sha256(response.body().stream())).isEqualTo(PatternStream.sha256(size));
    }

    @Test
    void a_hundred_requests_are_open_at_once() {
        handler.gateSize = 100;
        List<CompletableFuture<UplinkResponse>> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(session.send(UplinkRequest.get("/gate?i=" + i)));
        }
        for (CompletableFuture<UplinkResponse> f : all) {
            assertThat(f.orTimeout(60, TimeUnit.SECONDS).join().body().readUtf8()).isEqualTo("passed");
        }
        assertThat(handler.maxAtGate.get()).isEqualTo(100);
    }

    @Test
    void request_without_response_times_out_and_the_session_stays_usable() {
        CompletableFuture<UplinkResponse> hanging = session.send(UplinkRequest.get("/hang"), Duration.ofMillis(300));

        assertThatThrownBy(() -> hanging.orTimeout(30, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UplinkException.class,
                        e -> assertThat(e.reason()).isEqualTo(UplinkException.Reason.REQUEST_TIMEOUT));
        assertThat(send(UplinkRequest.get("/info")).status()).isEqualTo(200);
    }

    @Test
    void oversized_header_list_fails_that_request_only() {
        CompletableFuture<UplinkResponse> big = session.send(new UplinkRequest("GET", "/info", Optional.empty(),
                UplinkHeaders.of("x-big", "a".repeat(40_000)), UplinkBody.empty()));

        assertThatThrownBy(() -> big.orTimeout(30, TimeUnit.SECONDS).join())
                .cause().isInstanceOf(UplinkException.class);
        assertThat(send(UplinkRequest.get("/info")).status()).isEqualTo(200);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void closing_a_response_body_early_cancels_only_that_stream() throws Exception {
        UplinkResponse response = send(UplinkRequest.get("/generate?n=" + TWENTY_MB));
        var body = response.body().stream();
        assertThat(body.readNBytes(1000)).hasSize(1000);
        body.close();

        assertThat(send(UplinkRequest.get("/info")).status()).isEqualTo(200);
    }

    @Test
    void camera_may_answer_before_the_request_body_is_complete() {
        UplinkResponse response = send(UplinkRequest.post("/reject", UplinkHeaders.empty(),
                UplinkBody.of(new PatternStream(TWENTY_MB), TWENTY_MB)));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().readUtf8()).isEqualTo("too large");
        assertThat(send(UplinkRequest.get("/info")).status()).isEqualTo(200);
    }

    @Test
    void failing_request_body_fails_that_request_and_resets_its_stream() {
        java.io.InputStream broken = new java.io.SequenceInputStream(new PatternStream(200_000),
                new java.io.InputStream() {
                    @Override
                    public int read() throws java.io.IOException {
                        throw new java.io.IOException("disk on fire");
                    }
                });
        CompletableFuture<UplinkResponse> f = session.send(UplinkRequest.post("/digest", UplinkHeaders.empty(),
                UplinkBody.of(broken)));

        assertThatThrownBy(() -> f.orTimeout(30, TimeUnit.SECONDS).join()).cause()
                .isInstanceOfSatisfying(UplinkException.class, e -> {
                    assertThat(e.reason()).isEqualTo(UplinkException.Reason.BODY_FAILED);
                    assertThat(e).hasMessageContaining("disk on fire");
                });
        assertThat(send(UplinkRequest.get("/info")).status()).isEqualTo(200);
    }

    @Test
    void unknown_path_is_the_handlers_business() {
        assertThat(send(UplinkRequest.get("/nothing-here")).status()).isEqualTo(404);
    }
}
