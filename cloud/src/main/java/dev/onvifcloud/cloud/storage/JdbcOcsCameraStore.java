package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link OcsCameraStore} on the {@code ocs_cameras} table. */
final class JdbcOcsCameraStore implements OcsCameraStore {

    private static final int MAX_TEXT = 1000;
    private static final String PENDING = "'PENDING'";

    private final Jdbc jdbc;
    private final WorkQueue queue;

    JdbcOcsCameraStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.queue = new WorkQueue("ocs_cameras", PENDING, jdbc.dialect());
    }

    @Override
    public OcsCamera add(NewOcsCamera camera, Instant now) {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(now, "now");
        return jdbc.transact(connection -> {
            Jdbc.update(connection, "INSERT INTO ocs_cameras (id, account_id, client_id, state, share_token, "
                            + "share_token_sha256, token_issuer, token_jti, token_expires_at, xaddr, serial_number, model, "
                            + "manufacturer, attempts, next_attempt_at, created_at, updated_at) "
                            + "VALUES (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                    camera.id(), camera.accountId(), camera.clientId(), camera.shareToken(), camera.shareTokenSha256(),
                    camera.issuer(), camera.jwtId(), camera.tokenExpiresAt(), camera.xaddr().toString(),
                    camera.serialNumber(), camera.model(), camera.manufacturer(), now, now, now);
            return byId(connection, camera.id()).orElseThrow();
        });
    }

    @Override
    public Optional<OcsCamera> find(UUID id) {
        Objects.requireNonNull(id, "id");
        return jdbc.transact(connection -> byId(connection, id));
    }

    @Override
    public Optional<OcsCamera> findByClientId(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT * FROM ocs_cameras WHERE client_id = ?", JdbcOcsCameraStore::camera, clientId));
    }

    @Override
    public Optional<OcsCamera> findByShareTokenSha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT * FROM ocs_cameras WHERE share_token_sha256 = ?", JdbcOcsCameraStore::camera, sha256));
    }

    @Override
    public List<OcsCamera> listByAccount(UUID accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT * FROM ocs_cameras WHERE account_id = ? ORDER BY created_at, id",
                JdbcOcsCameraStore::camera, accountId));
    }

    @Override
    public List<OcsCamera> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit) {
        Objects.requireNonNull(now, "now");
        WorkQueue.requireClaim(leaseOwner, leaseDuration, limit);
        return jdbc.transact(connection -> {
            List<OcsCamera> claimed = new ArrayList<>();
            for (Lease lease : queue.claim(connection, now, leaseOwner, leaseDuration, limit)) {
                byId(connection, lease.itemId()).ifPresent(claimed::add);
            }
            return claimed;
        });
    }

    @Override
    public boolean sharingRequested(Lease lease, Instant now) {
        return jdbc.transact(connection -> queue.lockHeld(connection, lease).isPresent()
                && Jdbc.update(connection, "UPDATE ocs_cameras SET state = 'SHARING_REQUESTED', share_token = NULL, "
                        + "lease_owner = NULL, lease_until = NULL, sharing_requested_at = ?, updated_at = ? "
                        + "WHERE id = ? AND state = 'PENDING'", now, now, lease.itemId()) == 1);
    }

    @Override
    public boolean sharingFailed(Lease lease, String reason, Instant now) {
        String shown = WorkQueue.truncate(reason, MAX_TEXT);
        return jdbc.transact(connection -> queue.lockHeld(connection, lease).isPresent()
                && Jdbc.update(connection, "UPDATE ocs_cameras SET state = 'FAILED', share_token = NULL, reason = ?, "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'PENDING'",
                shown, now, lease.itemId()) == 1);
    }

    @Override
    public boolean retryLater(Lease lease, String error, Instant nextAttemptAt, Instant now) {
        String shown = WorkQueue.truncate(error, MAX_TEXT);
        return jdbc.transact(connection -> queue.lockHeld(connection, lease).isPresent()
                && Jdbc.update(connection, "UPDATE ocs_cameras SET last_error = ?, next_attempt_at = ?, "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'PENDING'",
                shown, nextAttemptAt, now, lease.itemId()) == 1);
    }

    @Override
    public boolean transition(UUID id, Set<OcsCameraState> from, OcsCameraState to, Optional<String> reason,
            Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (from.isEmpty()) {
            throw new IllegalArgumentException("from must name at least one state");
        }
        String states = from.stream().map(state -> "'" + state.name() + "'").collect(Collectors.joining(", "));
        String time = switch (to) {
            case SHARING_REQUESTED -> ", sharing_requested_at = ?";
            case REGISTERED -> ", registered_at = ?";
            case VERIFIED -> ", verified_at = ?, last_seen_at = ?";
            case REMOVED -> ", removed_at = ?";
            default -> "";
        };
        List<Object> parameters = new ArrayList<>();
        parameters.add(to);
        parameters.add(reason.isPresent() ? WorkQueue.truncate(reason.get(), MAX_TEXT) : new Jdbc.Null(Types.VARCHAR));
        parameters.add(now);
        for (int i = 0; i < time.chars().filter(c -> c == '?').count(); i++) {
            parameters.add(now);
        }
        parameters.add(id);
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE ocs_cameras SET state = ?, share_token = NULL, reason = COALESCE(?, reason), "
                        + "lease_owner = NULL, lease_until = NULL, updated_at = ?" + time
                        + " WHERE id = ? AND state IN (" + states + ")", parameters.toArray()) == 1);
    }

    @Override
    public void recordSeen(UUID id, Instant now) {
        jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE ocs_cameras SET last_seen_at = ? WHERE id = ?", now, id));
    }

    private static Optional<OcsCamera> byId(java.sql.Connection connection, UUID id) throws SQLException {
        return Jdbc.queryOne(connection, "SELECT * FROM ocs_cameras WHERE id = ?", JdbcOcsCameraStore::camera, id);
    }

    private static OcsCamera camera(ResultSet row) throws SQLException {
        return new OcsCamera(
                Jdbc.uuid(row, "id"),
                Jdbc.uuid(row, "account_id"),
                row.getString("client_id"),
                OcsCameraState.valueOf(row.getString("state")),
                Jdbc.optionalString(row, "share_token"),
                row.getString("share_token_sha256"),
                row.getString("token_issuer"),
                row.getString("token_jti"),
                Jdbc.instant(row, "token_expires_at"),
                URI.create(row.getString("xaddr")),
                row.getString("serial_number"),
                row.getString("model"),
                row.getString("manufacturer"),
                Jdbc.optionalString(row, "reason"),
                row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"),
                WorkQueue.lease(row),
                Jdbc.optionalString(row, "last_error"),
                Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "updated_at"),
                Jdbc.optionalInstant(row, "sharing_requested_at"),
                Jdbc.optionalInstant(row, "registered_at"),
                Jdbc.optionalInstant(row, "verified_at"),
                Jdbc.optionalInstant(row, "last_seen_at"),
                Jdbc.optionalInstant(row, "removed_at"));
    }
}
