package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class NotificationStoreContract extends StorageContract {

    private static final List<URI> ENDPOINTS = List.of(
            URI.create("https://ocs.example.com/deviceSharingCompleted"),
            URI.create("https://backup.ocs.example.com/deviceSharingCompleted"));
    /** 30 s, 60 s, 120 s ... for 5 minutes. */
    private static final RetrySchedule SCHEDULE =
            new RetrySchedule(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), Duration.ofMinutes(5));

    private Notification queued() {
        SharingOperation operation = operations(1).get(0);
        return database.notifications().enqueue(
                new NewNotification(UUID.randomUUID(), operation.id(), ENDPOINTS, "{\"shareToken\":\"t\"}"),
                SCHEDULE, NOW);
    }

    private Lease claim(Instant at) {
        List<Notification> claimed = database.notifications().claimDue(at, "sender-a", LEASE, 1);
        assertThat(claimed).hasSize(1);
        return claimed.get(0).lease().orElseThrow();
    }

    @Test
    void queues_a_notification_due_now_with_its_deadline() {
        Notification notification = queued();

        assertThat(notification.state()).isEqualTo(NotificationState.PENDING);
        assertThat(notification.endpoints()).isEqualTo(ENDPOINTS);
        assertThat(notification.payload()).isEqualTo("{\"shareToken\":\"t\"}");
        assertThat(notification.attempts()).isZero();
        assertThat(notification.nextAttemptAt()).isEqualTo(NOW);
        assertThat(notification.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(database.notifications().find(notification.id())).contains(notification);
        assertThat(database.notifications().findByOperation(notification.operationId())).contains(notification);
    }

    @Test
    void rejects_a_second_notification_for_an_operation() {
        Notification notification = queued();

        assertThatThrownBy(() -> database.notifications().enqueue(new NewNotification(UUID.randomUUID(),
                notification.operationId(), ENDPOINTS, "{}"), SCHEDULE, NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("notifications_operation_key");
                });
    }

    @Test
    void rejects_a_notification_for_an_unknown_operation() {
        assertThatThrownBy(() -> database.notifications().enqueue(new NewNotification(UUID.randomUUID(),
                UUID.randomUUID(), ENDPOINTS, "{}"), SCHEDULE, NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.FOREIGN_KEY);
                    assertThat(e.constraint()).contains("notifications_operation_fk");
                });
    }

    @Test
    void records_a_delivery_and_claims_the_notification_no_more() {
        Notification notification = queued();
        Lease lease = claim(NOW);

        assertThat(database.notifications().delivered(lease, ENDPOINTS.get(1), NOW.plusSeconds(1))).isTrue();

        Notification delivered = database.notifications().find(notification.id()).orElseThrow();
        assertThat(delivered.state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(delivered.deliveredTo()).contains(ENDPOINTS.get(1));
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lease()).isEmpty();
        assertThat(database.notifications().claimDue(NOW.plus(Duration.ofDays(1)), "sender-b", LEASE, 10)).isEmpty();
        assertThat(database.notifications().delivered(lease, ENDPOINTS.get(0), NOW)).isFalse();
    }

    @Test
    void backs_off_exponentially_after_failed_attempts() {
        Notification notification = queued();

        Lease first = claim(NOW);
        assertThat(database.notifications().attemptFailed(first, "connection refused", SCHEDULE, NOW))
                .contains(NotificationState.PENDING);
        Notification afterFirst = database.notifications().find(notification.id()).orElseThrow();
        assertThat(afterFirst.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(afterFirst.lastError()).contains("connection refused");
        assertThat(afterFirst.lease()).isEmpty();

        assertThat(database.notifications().claimDue(NOW.plusSeconds(29), "sender-a", LEASE, 1)).isEmpty();
        Lease second = claim(NOW.plusSeconds(30));
        assertThat(database.notifications().attemptFailed(second, "HTTP 503", SCHEDULE, NOW.plusSeconds(31)))
                .contains(NotificationState.PENDING);
        assertThat(database.notifications().find(notification.id()).orElseThrow().nextAttemptAt())
                .isEqualTo(NOW.plusSeconds(31 + 60));
    }

    @Test
    void dead_letters_a_notification_whose_next_attempt_would_pass_its_deadline() {
        Notification notification = queued();
        Instant at = NOW;
        Optional<NotificationState> state = Optional.empty();
        for (int attempt = 1; attempt <= 10 && !state.equals(Optional.of(NotificationState.DEAD)); attempt++) {
            Lease lease = claim(at);
            state = database.notifications().attemptFailed(lease, "HTTP 500 #" + attempt, SCHEDULE, at);
            at = database.notifications().find(notification.id()).orElseThrow().nextAttemptAt();
        }

        Notification dead = database.notifications().find(notification.id()).orElseThrow();
        // Attempts at 0 s, 30 s, 90 s, 210 s; the next would be at 450 s, after the 300 s deadline.
        assertThat(dead.state()).isEqualTo(NotificationState.DEAD);
        assertThat(dead.attempts()).isEqualTo(4);
        assertThat(dead.lastError()).contains("HTTP 500 #4");
        assertThat(database.notifications().deadLetters(10)).containsExactly(dead);
        assertThat(database.notifications().claimDue(NOW.plus(Duration.ofDays(2)), "sender-b", LEASE, 10)).isEmpty();
    }

    @Test
    void replays_a_dead_letter_with_a_new_deadline() {
        Notification notification = queued();
        RetrySchedule once = new RetrySchedule(Duration.ofMinutes(10), 1.0, Duration.ofMinutes(10),
                Duration.ofMinutes(5));
        database.notifications().attemptFailed(claim(NOW), "HTTP 500", once, NOW);
        Instant later = NOW.plus(Duration.ofHours(30));

        assertThat(database.notifications().replay(notification.id(), SCHEDULE, later)).isTrue();
        assertThat(database.notifications().replay(notification.id(), SCHEDULE, later)).isFalse();

        Notification replayed = database.notifications().find(notification.id()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(NotificationState.PENDING);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.deadline()).isEqualTo(later.plus(Duration.ofMinutes(5)));
        assertThat(database.notifications().deadLetters(10)).isEmpty();
        assertThat(database.notifications().claimDue(later, "sender-b", LEASE, 10)).hasSize(1);
    }

    @Test
    void replays_nothing_but_dead_letters() {
        Notification notification = queued();

        assertThat(database.notifications().replay(notification.id(), SCHEDULE, NOW)).isFalse();
        assertThat(database.notifications().replay(UUID.randomUUID(), SCHEDULE, NOW)).isFalse();
    }

    @Test
    void ignores_a_failure_reported_under_a_lost_lease() {
        Notification notification = queued();
        Lease a = claim(NOW);
        Lease b = claim(NOW.plus(LEASE));

        assertThat(database.notifications().attemptFailed(a, "late", SCHEDULE, NOW.plus(LEASE))).isEmpty();
        assertThat(database.notifications().delivered(a, ENDPOINTS.get(0), NOW.plus(LEASE))).isFalse();
        assertThat(database.notifications().find(notification.id()).orElseThrow().lease()).contains(b);
    }

    @Test
    void never_gives_one_notification_to_two_concurrent_senders() throws Exception {
        List<SharingOperation> operations = operations(12);
        for (SharingOperation operation : operations) {
            database.notifications().enqueue(new NewNotification(UUID.randomUUID(), operation.id(), ENDPOINTS, "{}"),
                    SCHEDULE, NOW);
        }
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<UUID>>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String sender = "sender-" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    List<UUID> mine = new ArrayList<>();
                    List<Notification> batch;
                    do {
                        batch = database.notifications().claimDue(NOW, sender, LEASE, 2);
                        batch.forEach(notification -> mine.add(notification.id()));
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            start.countDown();
            List<UUID> all = new ArrayList<>();
            for (Future<List<UUID>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(12);
            assertThat(new HashSet<>(all)).hasSize(12);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void keeps_pending_notifications_across_a_restart() {
        Notification notification = queued();

        restart();

        assertThat(database.notifications().claimDue(NOW, "sender-a", LEASE, 10))
                .extracting(Notification::id).containsExactly(notification.id());
    }
}
