package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

final class JdbcNotificationStore implements NotificationStore {

    private static final String COLUMNS = "id, operation_id, endpoints, payload, state, attempts, next_attempt_at, "
            + "deadline_at, lease_owner, lease_until, last_error, delivered_to, created_at, updated_at";
    private static final int MAX_ERROR = 1000;

    private final Jdbc jdbc;
    private final WorkQueue queue;

    JdbcNotificationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.queue = new WorkQueue("notifications", "'PENDING'", jdbc.dialect());
    }

    @Override
    public Notification enqueue(NewNotification notification, RetrySchedule schedule, Instant now) {
        return jdbc.transact(connection -> {
            Jdbc.update(connection,
                    "INSERT INTO notifications (id, operation_id, endpoints, payload, state, attempts, next_attempt_at, "
                            + "deadline_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                    notification.id(), notification.operationId(),
                    notification.endpoints().stream().map(URI::toString).collect(Collectors.joining("\n")),
                    notification.payload(), NotificationState.PENDING, now, now.plus(schedule.giveUpAfter()), now, now);
            return byId(connection, notification.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Notification> find(UUID notificationId) {
        return jdbc.transact(connection -> byId(connection, notificationId));
    }

    @Override
    public Optional<Notification> findByOperation(UUID operationId) {
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM notifications WHERE operation_id = ?",
                JdbcNotificationStore::notification, operationId));
    }

    @Override
    public List<Notification> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit) {
        WorkQueue.requireClaim(leaseOwner, leaseDuration, limit);
        return jdbc.transact(connection -> {
            List<Notification> claimed = new ArrayList<>();
            for (Lease lease : queue.claim(connection, now, leaseOwner, leaseDuration, limit)) {
                claimed.add(byId(connection, lease.itemId()).orElseThrow());
            }
            return claimed;
        });
    }

    @Override
    public boolean delivered(Lease lease, URI endpoint, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE notifications SET state = ?, delivered_to = ?, lease_owner = NULL, lease_until = NULL, "
                        + "updated_at = ? WHERE id = ? AND lease_owner = ? AND lease_until = ? AND state = ?",
                NotificationState.DELIVERED, endpoint.toString(), now, lease.itemId(), lease.owner(), lease.until(),
                NotificationState.PENDING) == 1);
    }

    @Override
    public Optional<NotificationState> attemptFailed(Lease lease, String error, RetrySchedule schedule, Instant now) {
        String why = WorkQueue.truncate(error, MAX_ERROR);
        return jdbc.transact(connection -> {
            Optional<String> state = queue.lockHeld(connection, lease);
            if (state.isEmpty() || !NotificationState.PENDING.name().equals(state.get())) {
                return Optional.empty();
            }
            Notification current = byId(connection, lease.itemId()).orElseThrow();
            Instant next = now.plus(schedule.delayAfter(Math.max(1, current.attempts())));
            NotificationState to = next.isAfter(current.deadline()) ? NotificationState.DEAD : NotificationState.PENDING;
            Jdbc.update(connection,
                    "UPDATE notifications SET state = ?, next_attempt_at = ?, last_error = ?, lease_owner = NULL, "
                            + "lease_until = NULL, updated_at = ? WHERE id = ?",
                    to, to == NotificationState.DEAD ? current.nextAttemptAt() : next, why, now, lease.itemId());
            return Optional.of(to);
        });
    }

    @Override
    public List<Notification> deadLetters(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM notifications WHERE state = ? ORDER BY created_at, id LIMIT ?",
                JdbcNotificationStore::notification, NotificationState.DEAD, limit));
    }

    @Override
    public boolean replay(UUID notificationId, RetrySchedule schedule, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE notifications SET state = ?, attempts = 0, next_attempt_at = ?, deadline_at = ?, "
                        + "updated_at = ? WHERE id = ? AND state = ?",
                NotificationState.PENDING, now, now.plus(schedule.giveUpAfter()), now, notificationId,
                NotificationState.DEAD) == 1);
    }

    private static Optional<Notification> byId(Connection connection, UUID id) throws SQLException {
        return Jdbc.queryOne(connection, "SELECT " + COLUMNS + " FROM notifications WHERE id = ?",
                JdbcNotificationStore::notification, id);
    }

    private static Notification notification(ResultSet row) throws SQLException {
        return new Notification(
                Jdbc.uuid(row, "id"),
                Jdbc.uuid(row, "operation_id"),
                Arrays.stream(row.getString("endpoints").split("\n")).map(URI::create).collect(Collectors.toList()),
                row.getString("payload"),
                NotificationState.valueOf(row.getString("state")),
                row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"),
                Jdbc.instant(row, "deadline_at"),
                WorkQueue.lease(row),
                Jdbc.optionalString(row, "last_error"),
                Jdbc.optionalString(row, "delivered_to").map(URI::create),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }
}
