package dev.onvifcloud.cloud.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcShareTokenStore implements ShareTokenStore {

    private static final String COLUMNS = "jti, device_id, issued_by_account_id, mode, issued_at, expires_at, "
            + "used_at, used_by_operation_id, revoked_at";

    private final Jdbc jdbc;

    JdbcShareTokenStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public IssuedShareToken record(NewShareToken token) {
        return jdbc.transact(connection -> {
            Jdbc.update(connection,
                    "INSERT INTO share_tokens (jti, device_id, issued_by_account_id, mode, issued_at, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)",
                    token.jti(), token.deviceId(), token.issuedBy(), token.mode(), token.issuedAt(), token.expiresAt());
            return find(connection, token.jti(), false).orElseThrow();
        });
    }

    @Override
    public Optional<IssuedShareToken> find(String jti) {
        return jdbc.transact(connection -> find(connection, jti, false));
    }

    @Override
    public List<IssuedShareToken> findByDevice(UUID deviceId) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM share_tokens WHERE device_id = ? ORDER BY issued_at, jti",
                JdbcShareTokenStore::token, deviceId));
    }

    @Override
    public Outcome<IssuedShareToken, ShareTokenRefusal> markUsed(String jti, UUID operationId, Instant now) {
        return jdbc.transact(connection -> markUsed(connection, jti, operationId, now));
    }

    /** Locks the token's row, checks it and marks it used, in the caller's transaction. */
    Outcome<IssuedShareToken, ShareTokenRefusal> markUsed(
            Connection connection, String jti, UUID operationId, Instant now) throws SQLException {
        Optional<IssuedShareToken> found = find(connection, jti, true);
        if (found.isEmpty()) {
            return Outcome.refused(ShareTokenRefusal.UNKNOWN);
        }
        IssuedShareToken token = found.get();
        if (token.isUsed()) {
            return Outcome.refused(ShareTokenRefusal.ALREADY_USED);
        }
        if (token.isRevoked()) {
            return Outcome.refused(ShareTokenRefusal.REVOKED);
        }
        if (token.isExpiredAt(now)) {
            return Outcome.refused(ShareTokenRefusal.EXPIRED);
        }
        boolean issuerOwns = Jdbc.queryOne(connection,
                "SELECT id FROM devices WHERE id = ? AND state = ? AND owner_account_id = ?",
                row -> Boolean.TRUE, token.deviceId(), DeviceState.CLAIMED, token.issuedBy()).isPresent();
        if (!issuerOwns) {
            return Outcome.refused(ShareTokenRefusal.ISSUER_NOT_OWNER);
        }
        int updated = Jdbc.update(connection,
                "UPDATE share_tokens SET used_at = ?, used_by_operation_id = ? "
                        + "WHERE jti = ? AND used_at IS NULL AND revoked_at IS NULL",
                now, operationId, jti);
        if (updated != 1) {
            return Outcome.refused(ShareTokenRefusal.ALREADY_USED);
        }
        return Outcome.accepted(find(connection, jti, false).orElseThrow());
    }

    @Override
    public boolean revoke(String jti, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE share_tokens SET revoked_at = ? WHERE jti = ? AND used_at IS NULL AND revoked_at IS NULL",
                now, jti) == 1);
    }

    private static Optional<IssuedShareToken> find(Connection connection, String jti, boolean forUpdate)
            throws SQLException {
        return Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM share_tokens WHERE jti = ?" + (forUpdate ? " FOR UPDATE" : ""),
                JdbcShareTokenStore::token, jti);
    }

    private static IssuedShareToken token(ResultSet row) throws SQLException {
        return new IssuedShareToken(
                row.getString("jti"),
                Jdbc.uuid(row, "device_id"),
                Jdbc.uuid(row, "issued_by_account_id"),
                SharingMode.valueOf(row.getString("mode")),
                Jdbc.instant(row, "issued_at"),
                Jdbc.instant(row, "expires_at"),
                Jdbc.optionalInstant(row, "used_at"),
                Jdbc.optionalUuid(row, "used_by_operation_id"),
                Jdbc.optionalInstant(row, "revoked_at"));
    }
}
