package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import dev.onvifcloud.uplink.device.UplinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Liveness, reconnects, several clouds, replaced sessions, token refresh. */
class UplinkLifecycleTest {

    private static UplinkTransport transport;

    @BeforeAll
    static void threads() {
        transport = UplinkTransport.create(2);
    }

    @AfterAll
    static void stopThreads() {
        transport.close();
    }

    private static String info(UplinkSession session) {
        return session.send(UplinkRequest.get("/info")).orTimeout(30, TimeUnit.SECONDS).join().body().readUtf8();
    }

    @Test
    void silent_cloud_is_detected_and_the_camera_reconnects() {
        List<UplinkStatus> statuses = new CopyOnWriteArrayList<>();
        try (RawUplinkServer silent = RawUplinkServer.silent(transport);
             UplinkConnector camera = Cameras.withToken(transport, silent.url(), "cam-idle", new TestCameraHandler("i"))
                     .pingAfterIdle(Duration.ofMillis(100))
                     .receiveTimeout(Duration.ofMillis(500))
                     .statusListener(statuses::add)
                     .build()) {
            camera.start();
            await().atMost(TestCloud.PATIENCE).until(() -> silent.upgrades.get() >= 3);
            assertThat(statuses).extracting(UplinkStatus::status).contains(ConnectionStatus.Connected);
            assertThat(statuses).anySatisfy(s -> assertThat(s.error())
                    .hasValue("nothing received for more than 500 ms"));
        }
    }

    @Test
    void idle_tunnel_stays_up_because_pings_are_answered() {
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector camera = Cameras.withToken(transport, cloud.url(), "cam-ping", new TestCameraHandler("p"))
                     .pingAfterIdle(Duration.ofMillis(100))
                     .receiveTimeout(Duration.ofSeconds(3))
                     .build()) {
            camera.start();
            UplinkSession session = cloud.awaitSession("cam-ping");
            // idle for longer than the receive timeout: only PINGs and their ACKs flow
            await().pollDelay(Duration.ofSeconds(4)).atMost(TestCloud.PATIENCE).until(() -> true);
            assertThat(session.isOpen()).isTrue();
            assertThat(cloud.events()).containsExactly("up cam-ping");
            assertThat(camera.status().status()).isEqualTo(ConnectionStatus.Connected);
        }
    }

    @Test
    void camera_reconnects_with_backoff_after_the_cloud_restarts() {
        List<UplinkStatus> statuses = new CopyOnWriteArrayList<>();
        TestCloud first = TestCloud.start(transport);
        InetSocketAddress address = first.address();
        try (UplinkConnector camera = Cameras.withToken(transport, first.url(), "cam-r", new TestCameraHandler("r"))
                .statusListener(statuses::add)
                .build()) {
            camera.start();
            first.awaitSession("cam-r");
            first.close();

            // several failed attempts while the cloud is away
            await().atMost(TestCloud.PATIENCE).until(() -> statuses.stream()
                    .filter(s -> s.status() == ConnectionStatus.Offline && s.error().isPresent()).count() >= 3);
            assertThat(camera.status().status()).isNotEqualTo(ConnectionStatus.Connected);

            try (TestCloud second = TestCloud.start(transport, b -> b.bindAddress(address))) {
                UplinkSession session = second.awaitSession("cam-r");
                assertThat(info(session)).contains("camera=r");
                Cameras.awaitStatus(camera, s -> s.status() == ConnectionStatus.Connected);
                assertThat(camera.status().error()).isEmpty();
            }
        }
    }

    @Test
    void one_camera_keeps_uplinks_to_several_clouds_at_once() {
        TestCameraHandler handler = new TestCameraHandler("multi");
        try (TestCloud a = TestCloud.start(transport);
             TestCloud b = TestCloud.start(transport);
             UplinkConnector toA = Cameras.withToken(transport, a.url(), "cam-m", handler).build();
             UplinkConnector toB = Cameras.withToken(transport, b.url(), "cam-m", handler)
                     .userLevel(dev.onvifcloud.uplink.UserLevel.User).build()) {
            toA.start();
            toB.start();
            assertThat(info(a.awaitSession("cam-m"))).contains("level=Operator");
            assertThat(info(b.awaitSession("cam-m"))).contains("level=User");
            assertThat(toA.status().status()).isEqualTo(ConnectionStatus.Connected);
            assertThat(toB.status().status()).isEqualTo(ConnectionStatus.Connected);
        }
    }

    @Test
    void a_second_session_of_the_same_camera_replaces_the_first() {
        ReconnectSchedule slow = new ReconnectSchedule(Duration.ofSeconds(60), Duration.ofSeconds(60),
                Duration.ofSeconds(60), 0);
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector old = Cameras.withToken(transport, cloud.url(), "cam-dup", new TestCameraHandler("old"))
                     .reconnectSchedule(slow).build();
             UplinkConnector young = Cameras.withToken(transport, cloud.url(), "cam-dup", new TestCameraHandler("new"))
                     .build()) {
            old.start();
            UplinkSession first = cloud.awaitSession("cam-dup");
            assertThat(info(first)).contains("camera=old");

            young.start();
            await().atMost(TestCloud.PATIENCE).until(() -> !first.isOpen());
            UplinkSession second = cloud.awaitSession("cam-dup");
            assertThat(second).isNotSameAs(first);
            assertThat(info(second)).contains("camera=new");
            await().atMost(TestCloud.PATIENCE).until(() -> cloud.events().size() == 3);
            assertThat(cloud.events()).containsExactly("up cam-dup", "up cam-dup", "down cam-dup");
            assertThat(cloud.acceptor.sessions().find(new CameraIdentity("cam-dup"))).containsSame(second);
            Cameras.awaitStatus(old, s -> s.status() == ConnectionStatus.Offline);
            assertThat(old.status().error()).hasValueSatisfying(e -> assertThat(e).contains("GOAWAY"));
        }
    }

    @Test
    void fetches_a_fresh_token_before_connecting_when_the_old_one_expires_soon() {
        AtomicInteger fetches = new AtomicInteger();
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector camera = Cameras.base(transport, cloud.url(), "cam-t", new TestCameraHandler("t"))
                     .tokenRefreshMargin(Duration.ofMinutes(5))
                     .accessTokens(() -> {
                         fetches.incrementAndGet();
                         return CompletableFuture.completedFuture(
                                 AccessToken.of("token-cam-t", Instant.now().plus(Duration.ofMinutes(2))));
                     })
                     .build()) {
            camera.start();
            UplinkSession first = cloud.awaitSession("cam-t");
            assertThat(fetches.get()).isEqualTo(1);
            first.close();
            await().atMost(TestCloud.PATIENCE).until(() -> cloud.acceptor.sessions().find(new CameraIdentity("cam-t"))
                    .filter(s -> s != first && s.isOpen()).isPresent());
            assertThat(fetches.get()).isEqualTo(2);
        }
    }

    @Test
    void keeps_a_token_that_is_still_fresh_across_reconnects() {
        AtomicInteger fetches = new AtomicInteger();
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector camera = Cameras.base(transport, cloud.url(), "cam-k", new TestCameraHandler("k"))
                     .accessTokens(() -> {
                         fetches.incrementAndGet();
                         return CompletableFuture.completedFuture(
                                 AccessToken.of("token-cam-k", Instant.now().plus(Duration.ofHours(1))));
                     })
                     .build()) {
            camera.start();
            UplinkSession first = cloud.awaitSession("cam-k");
            first.close();
            await().atMost(TestCloud.PATIENCE).until(() -> cloud.acceptor.sessions().find(new CameraIdentity("cam-k"))
                    .filter(s -> s != first && s.isOpen()).isPresent());
            assertThat(fetches.get()).isEqualTo(1);
        }
    }

    @Test
    void failing_token_supplier_shows_an_error_and_is_retried() {
        AtomicInteger fetches = new AtomicInteger();
        List<UplinkStatus> seen = new CopyOnWriteArrayList<>();
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector camera = Cameras.base(transport, cloud.url(), "cam-f", new TestCameraHandler("f"))
                     .statusListener(seen::add)
                     .accessTokens(() -> fetches.incrementAndGet() <= 2
                             ? CompletableFuture.failedFuture(new IllegalStateException("authorization server down"))
                             : CompletableFuture.completedFuture(AccessToken.of("token-cam-f",
                             Instant.now().plus(Duration.ofHours(1)))))
                     .build()) {
            camera.start();
            cloud.awaitSession("cam-f");
            assertThat(fetches.get()).isEqualTo(3);
            Cameras.awaitStatus(camera, s -> s.status() == ConnectionStatus.Connected);
            assertThat(seen).filteredOn(s -> s.status() == ConnectionStatus.Offline).hasSize(2)
                    .allSatisfy(s -> assertThat(s.error())
                            .hasValue("cannot get an access token: authorization server down"));
        }
    }

    @Test
    void camera_drops_a_refused_token_and_fetches_a_new_one() {
        AtomicInteger fetches = new AtomicInteger();
        try (TestCloud cloud = TestCloud.start(transport);
             UplinkConnector camera = Cameras.base(transport, cloud.url(), "cam-e", new TestCameraHandler("e"))
                     .accessTokens(() -> CompletableFuture.completedFuture(fetches.incrementAndGet() == 1
                             ? new AccessToken("expired-cam-e", java.util.Optional.empty())
                             : new AccessToken("token-cam-e", java.util.Optional.empty())))
                     .build()) {
            camera.start();
            cloud.awaitSession("cam-e");
            assertThat(fetches.get()).isEqualTo(2);
        }
    }

    @Test
    void requests_beyond_the_stream_limit_wait_and_beyond_the_queue_fail_fast() {
        try (TestCloud cloud = TestCloud.start(transport, b -> b
                .limits(dev.onvifcloud.uplink.UplinkLimits.defaults().withMaxConcurrentStreams(2))
                .maxPendingRequests(1));
             UplinkConnector camera = Cameras.withToken(transport, cloud.url(), "cam-q", new TestCameraHandler("q"))
                     .build()) {
            camera.start();
            UplinkSession session = cloud.awaitSession("cam-q");
            var first = session.send(UplinkRequest.get("/hang"));
            var second = session.send(UplinkRequest.get("/hang"));
            var queued = session.send(UplinkRequest.get("/info"));
            var refused = session.send(UplinkRequest.get("/info"));

            assertThatThrownBy(() -> refused.orTimeout(30, TimeUnit.SECONDS).join()).cause()
                    .isInstanceOfSatisfying(UplinkException.class, e -> assertThat(e.reason())
                            .isEqualTo(UplinkException.Reason.TOO_MANY_PENDING_REQUESTS));
            assertThat(queued).isNotDone();

            first.cancel(true); // resets its stream, which frees a slot for the queued request
            assertThat(queued.orTimeout(30, TimeUnit.SECONDS).join().status()).isEqualTo(200);
            second.cancel(true);
        }
    }
}
