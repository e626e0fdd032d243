package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.onvifcloud.cloud.node.HealthCheck.Status;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.StorageException;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

class HealthCheckTest {

    private static final String UP = "{\"status\":\"up\",\"checks\":{\"database\":\"up\"}}";
    private static final String DOWN = "{\"status\":\"down\",\"checks\":{\"database\":\"down\"}}";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration CACHE_FOR = Duration.ofSeconds(1);

    /** The roles a node can have. */
    enum Roles {
        MCS, OCS, BOTH;

        CloudNode.Builder addTo(CloudNode.Builder builder) {
            return switch (this) {
                case MCS -> builder.role(ProvisioningRole.factory(Optional.empty()));
                case OCS -> builder.role(OperationalRole.factory());
                case BOTH -> builder.role(ProvisioningRole.factory(Optional.empty())).role(OperationalRole.factory());
            };
        }
    }

    /** Counts the checks that really ran, around a real probe. */
    private static final class Counting implements HealthCheck.Probe {
        private final HealthCheck.Probe probe;
        private final AtomicInteger runs = new AtomicInteger();

        Counting(HealthCheck.Probe probe) {
            this.probe = probe;
        }

        @Override
        public void run() throws Exception {
            runs.incrementAndGet();
            probe.run();
        }

        int runs() {
            return runs.get();
        }
    }

    @TempDir
    Path directory;

    private final SettableClock clock = new SettableClock(Instant.now());
    private final ExecutorService probes = Executors.newSingleThreadExecutor();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HealthCheck.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() throws InterruptedException {
        logger.detachAppender(log);
        logger.setLevel(null);
        probes.shutdownNow();
        probes.awaitTermination(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void a_started_node_answers_up_with_its_database_on_every_role(Roles roles) throws Exception {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        try (CloudNode node = roles.addTo(CloudNode.builder().dataDirectory(directory.resolve("node")).pki(pki))
                .build().start()) {
            HttpResponse<String> health = send(http(pki), node.apiUri(), "GET");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo(UP);
            assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(health.headers().allValues("cache-control")).containsExactly("no-store");
        }
    }

    @Test
    void a_node_whose_database_is_closed_answers_down_without_details() throws Exception {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        HttpClient http = http(pki);
        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("node")).pki(pki).clock(clock)
                .role(ProvisioningRole.factory(Optional.empty())).build().start()) {
            assertThat(send(http, node.apiUri(), "GET").statusCode()).isEqualTo(200);

            node.database().close();
            HttpResponse<String> kept = send(http, node.apiUri(), "GET");
            clock.advance(CACHE_FOR);
            HttpResponse<String> health = send(http, node.apiUri(), "GET");

            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo(DOWN);
            assertThat(health.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(health.headers().allValues("cache-control")).containsExactly("no-store");
            assertThat(warnings()).hasSize(1);
            assertThat(warnings().get(0).getThrowableProxy()).isNotNull();
        }
    }

    @Test
    void other_methods_get_what_the_router_answers_for_a_wrong_method() throws Exception {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        HttpClient http = http(pki);
        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("node")).pki(pki)
                .role(ProvisioningRole.factory(Optional.empty())).build().start()) {
            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/.well-known/jwks.json"))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(405);

            for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
                HttpResponse<String> health = send(http, node.apiUri(), method);
                assertThat(health.statusCode()).as(method).isEqualTo(405);
                assertThat(health.headers().firstValue("allow")).as(method).hasValue("GET");
                if (!method.equals("HEAD")) {
                    assertThat(health.body()).as(method).isEqualTo(jwks.body());
                }
            }
        }
    }

    @Test
    void probes_within_the_cache_interval_run_the_check_once() throws Exception {
        try (Database database = Database.open(DatabaseSettings.h2(directory))) {
            Counting check = new Counting(HealthCheck.databaseProbe(database));
            HealthCheck health = new HealthCheck(check, clock, Duration.ofSeconds(2), CACHE_FOR, probes);

            assertThat(health.check().get()).isEqualTo(Status.UP);
            clock.advance(CACHE_FOR.minusMillis(1));
            assertThat(health.check().get()).isEqualTo(Status.UP);
            assertThat(check.runs()).isEqualTo(1);

            clock.advance(Duration.ofMillis(1));
            assertThat(health.check().get()).isEqualTo(Status.UP);
            assertThat(check.runs()).isEqualTo(2);
        }
    }

    @Test
    void the_database_probe_fails_on_a_closed_database() {
        Database database = Database.open(DatabaseSettings.h2(directory));
        database.close();

        Counting check = new Counting(HealthCheck.databaseProbe(database));
        HealthCheck health = new HealthCheck(check, clock, Duration.ofSeconds(2), CACHE_FOR, probes);

        assertThat(health.check().join()).isEqualTo(Status.DOWN);
        assertThat(check.runs()).isEqualTo(1);
        assertThat(warnings()).singleElement()
                .satisfies(warning -> assertThat(warning.getThrowableProxy().getClassName())
                        .isEqualTo(StorageException.class.getName()));
    }

    @Test
    void probes_that_arrive_while_a_check_runs_share_it() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Counting check = new Counting(release::await);
        HealthCheck health = new HealthCheck(check, clock, PATIENCE, CACHE_FOR, probes);

        CompletableFuture<Status> first = health.check();
        CompletableFuture<Status> second = health.check();
        await().atMost(PATIENCE).until(() -> check.runs() == 1);
        release.countDown();

        assertThat(first.get()).isEqualTo(Status.UP);
        assertThat(second.get()).isEqualTo(Status.UP);
        assertThat(check.runs()).isEqualTo(1);
    }

    @Test
    void a_check_that_hangs_past_the_timeout_is_down_and_not_run_again_until_it_returns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Counting check = new Counting(release::await);
        HealthCheck health = new HealthCheck(check, clock, Duration.ofMillis(50), CACHE_FOR, probes);

        assertThat(health.check().get()).isEqualTo(Status.DOWN);
        clock.advance(CACHE_FOR);
        assertThat(health.check().get()).isEqualTo(Status.DOWN);
        assertThat(check.runs()).isEqualTo(1);
        assertThat(warnings()).singleElement()
                .satisfies(warning -> assertThat(warning.getFormattedMessage()).contains("did not answer"));

        release.countDown();
        clock.advance(CACHE_FOR);
        await().atMost(PATIENCE).until(() -> {
            clock.advance(CACHE_FOR);
            return health.check().get() == Status.UP;
        });
        assertThat(check.runs()).isEqualTo(2);
    }

    @Test
    void logs_the_reason_once_per_change_of_state() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        HealthCheck health = new HealthCheck(() -> {
            if (failing.get()) {
                throw new IllegalStateException("jdbc:h2:file:/secret/path user sa");
            }
        }, clock, Duration.ofSeconds(2), CACHE_FOR, probes);

        for (int i = 0; i < 3; i++) {
            assertThat(health.check().get()).isEqualTo(Status.DOWN);
            clock.advance(CACHE_FOR);
        }
        assertThat(warnings()).hasSize(1);

        failing.set(false);
        for (int i = 0; i < 3; i++) {
            assertThat(health.check().get()).isEqualTo(Status.UP);
            clock.advance(CACHE_FOR);
        }
        failing.set(true);
        assertThat(health.check().get()).isEqualTo(Status.DOWN);

        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO, Level.WARN);
        assertThat(warnings().get(0).getThrowableProxy().getMessage()).contains("/secret/path");
    }

    @Test
    void a_check_the_executor_refuses_is_down() throws Exception {
        probes.shutdown();
        Counting check = new Counting(() -> { });
        HealthCheck health = new HealthCheck(check, clock, Duration.ofSeconds(2), CACHE_FOR, probes);

        assertThat(health.check().get()).isEqualTo(Status.DOWN);
        assertThat(check.runs()).isZero();
    }

    private List<ILoggingEvent> warnings() {
        return log.list.stream().filter(event -> event.getLevel() == Level.WARN).toList();
    }

    private static HttpClient http(DevelopmentPki pki) {
        return HttpClient.newBuilder().sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate())))
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, URI base, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(HealthCheck.PATH))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
