package dev.onvifcloud.cloud.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.security.pki.DevelopmentPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deviceSharingCompleted} delivery to a stand-in OCS receiver over real HTTPS on loopback. */
class DeviceSharingCompletedNotifierTest {

    static final String SHARE_TOKEN = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJ0ZXN0In0.c2lnbmF0dXJlLXNlY3JldA";
    static final DeviceSharingCompleted MESSAGE =
            new DeviceSharingCompleted(SHARE_TOKEN, Base64Der.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));

    @TempDir
    Path directory;

    /** A world of its own for each test: the queue and the clock are shared by everything in a world. */
    NotificationWorld world;

    @BeforeEach
    void start() {
        world = new NotificationWorld(directory);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Notification state(Notification notification) {
        return world.database.notifications().find(notification.id()).orElseThrow();
    }

    private List<AuditEntry> audit(Notification notification) {
        return world.database.auditLog().find(AuditQuery.first(100).withSubject(notification.id().toString()));
    }

    /** A port nothing listens on (bound, then closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void delivers_the_body_as_json_to_the_endpoint_and_audits_it_without_the_token() throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()), MESSAGE);

            assertThat(notifier.deliverDue()).isEqualTo(1);

            assertThat(state(queued).state()).isEqualTo(NotificationState.DELIVERED);
            assertThat(state(queued).deliveredTo()).hasValue(receiver.endpoint());
            assertThat(receiver.received).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.contentType()).isEqualTo("application/json");
                assertThat(request.body()).isEqualTo(
                        "{\"shareToken\":\"" + SHARE_TOKEN + "\",\"devicePublicKey\":\"MAMCAQE=\"}");
            });
            assertThat(audit(queued)).extracting(entry -> entry.event().action()).containsExactly(
                    DeviceSharingCompletedNotifier.AUDIT_QUEUED, DeviceSharingCompletedNotifier.AUDIT_DELIVERED);
            assertThat(audit(queued)).allSatisfy(entry ->
                    assertThat(entry.event().detail()).doesNotContain(SHARE_TOKEN).doesNotContain("c2lnbmF0dXJl"));
        }
    }

    @Test
    void delivers_once_the_receiver_is_up_after_it_was_down() throws Exception {
        SharingOperation operation = world.operation();
        int port = closedPort();
        URI endpoint = URI.create("https://ocs.test:" + port + StandInOcsReceiver.PATH);
        try (DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build()) {
            Notification queued = notifier.enqueue(operation.id(), List.of(endpoint), MESSAGE);
            assertThat(notifier.deliverDue()).isEqualTo(1);
            Notification failed = state(queued);
            assertThat(failed.state()).isEqualTo(NotificationState.PENDING);
            assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).contains("CONNECT_FAILED"));
            assertThat(failed.nextAttemptAt()).isAfter(world.clock.instant());

            try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, port)) {
                notifier.start();
                world.clock.set(failed.nextAttemptAt());
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> state(queued).state() == NotificationState.DELIVERED);
                assertThat(receiver.received).hasSize(1);
                assertThat(audit(queued)).extracting(entry -> entry.event().action())
                        .contains(DeviceSharingCompletedNotifier.AUDIT_ATTEMPT_FAILED,
                                DeviceSharingCompletedNotifier.AUDIT_DELIVERED);
            }
        }
    }

    @Test
    void fails_over_to_the_next_endpoint_within_one_attempt() throws Exception {
        SharingOperation operation = world.operation();
        URI down = URI.create("https://ocs.test:" + closedPort() + StandInOcsReceiver.PATH);
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(down, receiver.endpoint()), MESSAGE);

            notifier.deliverDue();

            Notification delivered = state(queued);
            assertThat(delivered.state()).isEqualTo(NotificationState.DELIVERED);
            assertThat(delivered.deliveredTo()).hasValue(receiver.endpoint());
            assertThat(delivered.attempts()).isEqualTo(1);
            assertThat(audit(queued)).last().satisfies(entry -> assertThat(entry.event().detail())
                    .contains("CONNECT_FAILED").contains("ACCEPTED"));
        }
    }

    @Test
    void retries_a_receiver_answering_500_until_the_period_is_over_then_dead_letters_it_and_replays_it()
            throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            receiver.status.set(500);
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()), MESSAGE);

            int attempts = 0;
            while (state(queued).state() == NotificationState.PENDING && attempts < 50) {
                world.clock.set(state(queued).nextAttemptAt());
                assertThat(notifier.deliverDue()).isEqualTo(1);
                attempts++;
            }

            Notification dead = state(queued);
            assertThat(dead.state()).isEqualTo(NotificationState.DEAD);
            assertThat(attempts).isGreaterThan(2);
            assertThat(receiver.received).hasSize(attempts);
            assertThat(dead.lastError()).hasValueSatisfying(error -> assertThat(error).contains("REFUSED_STATUS"));
            assertThat(world.database.notifications().deadLetters(1000)).extracting(Notification::id)
                    .contains(queued.id());
            assertThat(audit(queued)).last().satisfies(entry ->
                    assertThat(entry.event().action()).isEqualTo(DeviceSharingCompletedNotifier.AUDIT_DEAD));

            receiver.status.set(204);
            assertThat(world.database.notifications().replay(queued.id(), NotificationWorld.SHORT.schedule(),
                    world.clock.instant())).isTrue();
            notifier.deliverDue();
            assertThat(state(queued).state()).isEqualTo(NotificationState.DELIVERED);
        }
    }

    @Test
    void never_contacts_a_plain_http_endpoint_and_dead_letters_it_at_once() throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            URI plain = URI.create("http://127.0.0.1:" + receiver.port() + StandInOcsReceiver.PATH);
            Notification queued = notifier.enqueue(operation.id(), List.of(plain), MESSAGE);

            notifier.deliverDue();

            assertThat(receiver.received).isEmpty();
            assertThat(state(queued).state()).isEqualTo(NotificationState.DEAD);
            assertThat(state(queued).lastError()).hasValueSatisfying(error ->
                    assertThat(error).contains("ADDRESS_REFUSED").contains("SCHEME_NOT_ALLOWED"));
        }
    }

    @Test
    void never_contacts_an_endpoint_whose_address_the_policy_forbids_at_send_time() throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(world.ocsCredential, 0)) {
            DeviceSharingCompletedNotifier notifier =
                    world.notifier(NotificationWorld.SHORT).addressPolicy(world.strict()).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()), MESSAGE);

            notifier.deliverDue();

            assertThat(receiver.received).isEmpty();
            assertThat(state(queued).state()).isEqualTo(NotificationState.PENDING);
            assertThat(state(queued).lastError()).hasValueSatisfying(error ->
                    assertThat(error).contains("ADDRESS_REFUSED").contains("LOOPBACK"));
        }
    }

    @Test
    void refuses_a_receiver_whose_certificate_the_trust_anchors_do_not_trust() throws Exception {
        SharingOperation operation = world.operation();
        DevelopmentPki stranger = DevelopmentPki.generate(Clock.systemUTC());
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(
                stranger.issueServerCertificate("ocs.test", List.of("ocs.test"), List.of("127.0.0.1")), 0)) {
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()), MESSAGE);

            notifier.deliverDue();

            assertThat(receiver.received).isEmpty();
            assertThat(state(queued).lastError()).hasValueSatisfying(error -> assertThat(error).contains("TLS_FAILED"));
        }
    }

    @Test
    void refuses_a_receiver_whose_certificate_names_another_host() throws Exception {
        SharingOperation operation = world.operation();
        try (StandInOcsReceiver receiver = new StandInOcsReceiver(
                world.pki.issueServerCertificate("other.test", List.of("other.test"), List.of()), 0)) {
            DeviceSharingCompletedNotifier notifier = world.notifier(NotificationWorld.SHORT).build();
            Notification queued = notifier.enqueue(operation.id(), List.of(receiver.endpoint()), MESSAGE);

            notifier.deliverDue();

            assertThat(receiver.received).isEmpty();
            assertThat(state(queued).lastError()).hasValueSatisfying(error -> assertThat(error).contains("TLS_FAILED"));
        }
    }

    @Test
    void jitter_keeps_each_delay_between_its_lower_bound_and_the_schedule() {
        JitteredSchedule schedule = NotificationWorld.SHORT;
        SplittableRandom random = new SplittableRandom(7);
        for (int failed = 1; failed <= 6; failed++) {
            Duration full = schedule.schedule().delayAfter(failed);
            for (int i = 0; i < 100; i++) {
                assertThat(schedule.delayAfter(failed, random)).isBetween(full.dividedBy(2), full);
            }
        }
    }
}
