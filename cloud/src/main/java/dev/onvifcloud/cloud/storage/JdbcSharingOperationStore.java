package dev.onvifcloud.cloud.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

final class JdbcSharingOperationStore implements SharingOperationStore {

    private static final String COLUMNS = "id, device_id, token_jti, mode, request_id, request_sha256, "
            + "device_configuration, state, current_step, attempts, next_attempt_at, lease_owner, lease_until, "
            + "failure_reason, created_at, updated_at";
    private static final String STEP_COLUMNS = "operation_id, step_name, ordinal, status, created_on_camera, "
            + "started_at, completed_at, compensated_at";
    private static final int MAX_REASON = 1000;
    /** The states a worker claims, as a SQL list of literals. */
    private static final String CLAIMABLE = "'IN_PROGRESS', 'COMPENSATING', 'TRANSFERRING', 'UNSHARING'";

    private final Jdbc jdbc;
    private final JdbcShareTokenStore shareTokens;
    private final WorkQueue queue;

    JdbcSharingOperationStore(Jdbc jdbc, JdbcShareTokenStore shareTokens) {
        this.jdbc = jdbc;
        this.shareTokens = shareTokens;
        this.queue = new WorkQueue("sharing_operations", CLAIMABLE, jdbc.dialect());
    }

    @Override
    public Outcome<List<SharingOperation>, RefusedShareToken> start(SharingRequest request, Instant now) {
        return jdbc.transact(connection -> {
            // A savepoint, so that a refusal undoes this request only, also inside a caller's transaction.
            Savepoint savepoint = connection.setSavepoint();
            Optional<RefusedShareToken> refused = persist(connection, request, now);
            if (refused.isPresent()) {
                connection.rollback(savepoint);
                return Outcome.refused(refused.get());
            }
            connection.releaseSavepoint(savepoint);
            List<SharingOperation> operations = new ArrayList<>();
            for (NewSharingOperation operation : request.operations()) {
                operations.add(byId(connection, operation.id()).orElseThrow());
            }
            return Outcome.accepted(operations);
        });
    }

    private Optional<RefusedShareToken> persist(Connection connection, SharingRequest request, Instant now)
            throws SQLException {
        // Tokens are locked in jti order, so that two requests sharing tokens cannot deadlock.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < request.operations().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> request.operations().get(i).tokenJti()));
        for (int index : order) {
            NewSharingOperation operation = request.operations().get(index);
            Outcome<IssuedShareToken, ShareTokenRefusal> used =
                    shareTokens.markUsed(connection, operation.tokenJti(), operation.id(), now);
            if (used.refusal().isPresent()) {
                return Optional.of(new RefusedShareToken(index, operation.tokenJti(), used.refusal().get()));
            }
            IssuedShareToken token = used.value();
            try {
                Jdbc.update(connection,
                        "INSERT INTO sharing_operations (id, device_id, token_jti, mode, request_id, request_sha256, "
                                + "device_configuration, state, attempts, next_attempt_at, created_at, updated_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                        operation.id(), token.deviceId(), token.jti(), token.mode(), request.requestId(),
                        request.requestSha256(), operation.deviceConfiguration(), SharingOperationState.IN_PROGRESS,
                        now, now, now);
            } catch (SQLException e) {
                // The token row lock makes this unreachable; the unique key is the last line of defence.
                StorageException translated = jdbc.translate(e);
                if (translated instanceof StorageConstraintException
                        && ((StorageConstraintException) translated).constraint()
                                .filter("sharing_operations_token_key"::equals).isPresent()) {
                    return Optional.of(new RefusedShareToken(index, operation.tokenJti(),
                            ShareTokenRefusal.ALREADY_USED));
                }
                throw e;
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<SharingOperation> find(UUID operationId) {
        return jdbc.transact(connection -> byId(connection, operationId));
    }

    @Override
    public List<SharingOperation> findByRequest(UUID requestId) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM sharing_operations WHERE request_id = ? ORDER BY created_at, id",
                JdbcSharingOperationStore::operation, requestId));
    }

    @Override
    public Optional<SharingOperation> findByShareToken(String jti) {
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM sharing_operations WHERE token_jti = ?",
                JdbcSharingOperationStore::operation, jti));
    }

    @Override
    public List<SharingOperation> findByDevice(UUID deviceId) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM sharing_operations WHERE device_id = ? ORDER BY created_at, id",
                JdbcSharingOperationStore::operation, deviceId));
    }

    @Override
    public int makeDue(UUID deviceId, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE sharing_operations SET next_attempt_at = ?, updated_at = ? "
                        + "WHERE device_id = ? AND state IN (" + CLAIMABLE + ") AND next_attempt_at > ? "
                        + "AND (lease_until IS NULL OR lease_until <= ?)",
                now, now, deviceId, now, now));
    }

    @Override
    public List<SharingOperation> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit) {
        WorkQueue.requireClaim(leaseOwner, leaseDuration, limit);
        return jdbc.transact(connection -> {
            List<SharingOperation> claimed = new ArrayList<>();
            for (Lease lease : queue.claim(connection, now, leaseOwner, leaseDuration, limit)) {
                claimed.add(byId(connection, lease.itemId()).orElseThrow());
            }
            return claimed;
        });
    }

    @Override
    public Optional<Lease> renewLease(Lease lease, Duration leaseDuration, Instant now) {
        WorkQueue.requireClaim(lease.owner(), leaseDuration, 1);
        return jdbc.transact(connection -> queue.renew(connection, lease, leaseDuration, now));
    }

    @Override
    public List<OperationStep> steps(UUID operationId) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + STEP_COLUMNS + " FROM operation_steps WHERE operation_id = ? ORDER BY ordinal, step_name",
                JdbcSharingOperationStore::step, operationId));
    }

    @Override
    public StepRecording recordStep(Lease lease, StepProgress step, Instant now) {
        return jdbc.transact(connection -> record(connection, lease, List.of(step), List.of(), lease.until(), now)
                .map(recordings -> recordings.get(0)).orElse(StepRecording.LEASE_LOST));
    }

    @Override
    public Optional<Lease> recordSteps(Lease lease, List<StepProgress> steps, List<AuditEvent> audit,
            Duration leaseDuration, Instant now) {
        WorkQueue.requireClaim(lease.owner(), leaseDuration, 1);
        List<StepProgress> progress = List.copyOf(steps);
        List<AuditEvent> events = List.copyOf(audit);
        if (progress.stream().map(StepProgress::name).distinct().count() != progress.size()) {
            throw new IllegalArgumentException("each step at most once per call");
        }
        Instant until = Jdbc.stored(now.plus(leaseDuration));
        return jdbc.transact(connection -> record(connection, lease, progress, events, until, now)
                .map(recordings -> new Lease(lease.itemId(), lease.owner(), until)));
    }

    /**
     * Records {@code steps} and appends {@code audit} if {@code lease} still holds the operation, setting the lease's
     * end to {@code until} ({@code lease.until()} when not renewing); empty, with nothing written, when the lease was
     * lost.
     *
     * <p>One statement checks the lease, locks the operation's row and updates it (no {@code SELECT ... FOR UPDATE}:
     * H2 parses such a statement on every call, its query cache never keeps one). The steps are read before that
     * statement: steps are written only under a lease checked this way, and when this lease still matches, no other
     * lease was granted since it was (a claim sets another owner or a later end), so what was read still stands.
     */
    private Optional<List<StepRecording>> record(Connection connection, Lease lease, List<StepProgress> steps,
            List<AuditEvent> audit, Instant until, Instant now) throws SQLException {
        UUID operationId = lease.itemId();
        List<StepRecording> recordings = new ArrayList<>(steps.size());
        List<Optional<OperationStep>> recorded = new ArrayList<>(steps.size());
        Optional<String> currentStep = Optional.empty();
        for (StepProgress step : steps) {
            Optional<OperationStep> existing = Jdbc.queryOne(connection,
                    "SELECT " + STEP_COLUMNS + " FROM operation_steps WHERE operation_id = ? AND step_name = ?",
                    JdbcSharingOperationStore::step, operationId, step.name());
            StepRecording recording = existing.isEmpty() ? StepRecording.RECORDED
                    : existing.get().status() == step.status() ? StepRecording.ALREADY_RECORDED
                    : existing.get().status().compareTo(step.status()) > 0 ? StepRecording.OUT_OF_ORDER
                    : StepRecording.RECORDED;
            recordings.add(recording);
            recorded.add(existing);
            if (recording == StepRecording.RECORDED) {
                currentStep = Optional.of(step.name());
            }
        }
        if (currentStep.isEmpty() && audit.isEmpty() && until.equals(lease.until())) {
            // Nothing to write: the lease is only looked at.
            boolean held = Jdbc.queryOne(connection,
                    "SELECT id FROM sharing_operations WHERE id = ? AND lease_owner = ? AND lease_until = ?",
                    row -> Boolean.TRUE, operationId, lease.owner(), lease.until()).isPresent();
            return held ? Optional.of(recordings) : Optional.empty();
        }
        int held = Jdbc.update(connection,
                "UPDATE sharing_operations SET lease_until = ?, current_step = COALESCE(?, current_step), "
                        + "updated_at = ? WHERE id = ? AND lease_owner = ? AND lease_until = ? "
                        + "AND state IN (" + CLAIMABLE + ")",
                until, Jdbc.nullable(currentStep, Types.VARCHAR), now, operationId, lease.owner(), lease.until());
        if (held != 1) {
            return Optional.empty();
        }
        for (int i = 0; i < steps.size(); i++) {
            if (recordings.get(i) == StepRecording.RECORDED) {
                write(connection, operationId, steps.get(i), recorded.get(i), now);
            }
        }
        for (AuditEvent event : audit) {
            JdbcAuditLog.insert(connection, event);
        }
        return Optional.of(recordings);
    }

    /** Inserts a new step, or moves a recorded one forward, merging what it created. */
    private static void write(Connection connection, UUID operationId, StepProgress step,
            Optional<OperationStep> existing, Instant now) throws SQLException {
        StepStatus status = step.status();
        Object compensatedAt = status == StepStatus.COMPENSATED ? now : new Jdbc.Null(Types.TIMESTAMP_WITH_TIMEZONE);
        if (existing.isEmpty()) {
            Jdbc.update(connection,
                    "INSERT INTO operation_steps (" + STEP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    operationId, step.name(), step.ordinal(), status, OperationStep.encode(step.createdOnCamera()),
                    now, status == StepStatus.STARTED ? new Jdbc.Null(Types.TIMESTAMP_WITH_TIMEZONE) : now,
                    compensatedAt);
            return;
        }
        Map<String, String> createdOnCamera = new TreeMap<>(existing.get().createdOnCamera());
        createdOnCamera.putAll(step.createdOnCamera());
        Jdbc.update(connection,
                "UPDATE operation_steps SET status = ?, created_on_camera = ?, "
                        + "completed_at = COALESCE(completed_at, ?), compensated_at = ? "
                        + "WHERE operation_id = ? AND step_name = ?",
                status, OperationStep.encode(createdOnCamera), now, compensatedAt, operationId, step.name());
    }

    @Override
    public boolean complete(Lease lease, Instant now) {
        return finish(lease, SharingOperationState.COMPLETED, Optional.empty(), now,
                List.of(SharingOperationState.IN_PROGRESS), true);
    }

    @Override
    public boolean retryLater(Lease lease, String reason, Instant nextAttemptAt, Instant now) {
        String why = WorkQueue.truncate(reason, MAX_REASON);
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE sharing_operations SET lease_owner = NULL, lease_until = NULL, next_attempt_at = ?, "
                        + "failure_reason = ?, updated_at = ? "
                        + "WHERE id = ? AND lease_owner = ? AND lease_until = ? AND state IN (" + CLAIMABLE + ")",
                nextAttemptAt, why, now, lease.itemId(), lease.owner(), lease.until()) == 1);
    }

    @Override
    public boolean compensate(Lease lease, String reason, Instant now) {
        return finish(lease, SharingOperationState.COMPENSATING, Optional.of(reason), now,
                List.of(SharingOperationState.IN_PROGRESS), false);
    }

    @Override
    public boolean fail(Lease lease, String reason, Instant now) {
        return finish(lease, SharingOperationState.FAILED, Optional.of(reason), now,
                List.of(SharingOperationState.IN_PROGRESS, SharingOperationState.COMPENSATING), true);
    }

    @Override
    public boolean confirm(UUID operationId, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE sharing_operations SET state = ?, next_attempt_at = ?, failure_reason = NULL, updated_at = ? "
                        + "WHERE id = ? AND state = ? AND mode = ?",
                SharingOperationState.TRANSFERRING, now, now, operationId, SharingOperationState.COMPLETED,
                SharingMode.TRANSFER) == 1);
    }

    @Override
    public boolean transferred(Lease lease, Optional<String> note, Instant now) {
        return jdbc.transact(connection -> {
            if (!end(connection, lease, SharingOperationState.TRANSFERRING, SharingOperationState.TRANSFERRED, note,
                    now)) {
                return false;
            }
            Jdbc.update(connection,
                    "UPDATE devices SET state = ? WHERE state = ? "
                            + "AND id = (SELECT device_id FROM sharing_operations WHERE id = ?)",
                    DeviceState.TRANSFERRED, DeviceState.CLAIMED, lease.itemId());
            return true;
        });
    }

    @Override
    public Outcome<SharingOperation, UnsharingRefusal> unshare(UUID operationId, Instant now) {
        return jdbc.transact(connection -> {
            Optional<SharingOperation> found = Jdbc.queryOne(connection,
                    "SELECT " + COLUMNS + " FROM sharing_operations WHERE id = ? FOR UPDATE",
                    JdbcSharingOperationStore::operation, operationId);
            if (found.isEmpty()) {
                return Outcome.refused(UnsharingRefusal.UNKNOWN);
            }
            SharingOperation operation = found.get();
            if (operation.mode() == SharingMode.TRANSFER) {
                return Outcome.refused(UnsharingRefusal.TRANSFER);
            }
            if (operation.state() == SharingOperationState.UNSHARING
                    || operation.state() == SharingOperationState.UNSHARED) {
                return Outcome.refused(UnsharingRefusal.ALREADY_UNSHARED);
            }
            if (operation.state() != SharingOperationState.COMPLETED) {
                return Outcome.refused(UnsharingRefusal.NOT_COMPLETED);
            }
            boolean managed = Jdbc.queryOne(connection, "SELECT id FROM devices WHERE id = ? AND state = ?",
                    row -> Boolean.TRUE, operation.deviceId(), DeviceState.CLAIMED).isPresent()
                    && Jdbc.queryOne(connection,
                            "SELECT id FROM sharing_operations WHERE device_id = ? AND state = ?",
                            row -> Boolean.TRUE, operation.deviceId(), SharingOperationState.TRANSFERRING).isEmpty();
            if (!managed) {
                return Outcome.refused(UnsharingRefusal.DEVICE_NOT_CLAIMED);
            }
            Jdbc.update(connection,
                    "UPDATE sharing_operations SET state = ?, next_attempt_at = ?, failure_reason = NULL, "
                            + "updated_at = ? WHERE id = ?",
                    SharingOperationState.UNSHARING, now, now, operationId);
            return Outcome.accepted(byId(connection, operationId).orElseThrow());
        });
    }

    @Override
    public boolean unshared(Lease lease, Optional<String> note, Instant now) {
        return jdbc.transact(connection -> end(connection, lease, SharingOperationState.UNSHARING,
                SharingOperationState.UNSHARED, note, now));
    }

    /**
     * {@code from} to {@code to} if the lease still holds it, releasing the lease; the note replaces the reason. One
     * statement checks the lease and the state, locks the row and changes it.
     */
    private boolean end(Connection connection, Lease lease, SharingOperationState from, SharingOperationState to,
            Optional<String> note, Instant now) throws SQLException {
        return Jdbc.update(connection,
                "UPDATE sharing_operations SET lease_owner = NULL, lease_until = NULL, state = ?, failure_reason = ?, "
                        + "updated_at = ? WHERE id = ? AND lease_owner = ? AND lease_until = ? AND state = ?",
                to, Jdbc.nullable(note.map(text -> WorkQueue.truncate(text, MAX_REASON)), Types.VARCHAR), now,
                lease.itemId(), lease.owner(), lease.until(), from) == 1;
    }

    /** One of {@code from} to {@code to} if the lease still holds it, in one statement (as {@link #end}). */
    private boolean finish(Lease lease, SharingOperationState to, Optional<String> reason, Instant now,
            List<SharingOperationState> from, boolean releaseLease) {
        Optional<String> why = reason.map(text -> WorkQueue.truncate(text, MAX_REASON));
        String release = releaseLease ? "lease_owner = NULL, lease_until = NULL, " : "";
        String states = String.join(", ", Collections.nCopies(from.size(), "?"));
        List<Object> parameters = new ArrayList<>(List.of(to, Jdbc.nullable(why, Types.VARCHAR), now, lease.itemId(),
                lease.owner(), lease.until()));
        parameters.addAll(from);
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE sharing_operations SET " + release + "state = ?, "
                        + "failure_reason = COALESCE(?, failure_reason), updated_at = ? "
                        + "WHERE id = ? AND lease_owner = ? AND lease_until = ? AND state IN (" + states + ")",
                parameters.toArray()) == 1);
    }

    private static Optional<SharingOperation> byId(Connection connection, UUID id) throws SQLException {
        return Jdbc.queryOne(connection, "SELECT " + COLUMNS + " FROM sharing_operations WHERE id = ?",
                JdbcSharingOperationStore::operation, id);
    }

    private static SharingOperation operation(ResultSet row) throws SQLException {
        return new SharingOperation(
                Jdbc.uuid(row, "id"),
                Jdbc.uuid(row, "device_id"),
                row.getString("token_jti"),
                SharingMode.valueOf(row.getString("mode")),
                Jdbc.uuid(row, "request_id"),
                row.getString("request_sha256"),
                row.getString("device_configuration"),
                SharingOperationState.valueOf(row.getString("state")),
                Jdbc.optionalString(row, "current_step"),
                row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"),
                WorkQueue.lease(row),
                Jdbc.optionalString(row, "failure_reason"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"));
    }

    private static OperationStep step(ResultSet row) throws SQLException {
        return new OperationStep(
                Jdbc.uuid(row, "operation_id"),
                row.getString("step_name"),
                row.getInt("ordinal"),
                StepStatus.valueOf(row.getString("status")),
                OperationStep.decode(row.getString("created_on_camera")),
                Jdbc.instant(row, "started_at"),
                Jdbc.optionalInstant(row, "completed_at"),
                Jdbc.optionalInstant(row, "compensated_at"));
    }
}
