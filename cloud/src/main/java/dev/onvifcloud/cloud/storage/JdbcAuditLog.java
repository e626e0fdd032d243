package dev.onvifcloud.cloud.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

final class JdbcAuditLog implements AuditLog {

    private static final String INSERT =
            "INSERT INTO audit_log (occurred_at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)";

    private final Jdbc jdbc;

    JdbcAuditLog(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        AuditEvent stored = new AuditEvent(Jdbc.stored(event.at()), event.actor(), event.action(), event.subject(),
                event.detail());
        return jdbc.transact(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT, new String[] {"id"})) {
                Jdbc.bind(statement, stored.at(), stored.actor(), stored.action(), stored.subject(), stored.detail());
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StorageException("the database returned no audit_log id");
                    }
                    return new AuditEntry(keys.getLong(1), stored);
                }
            }
        });
    }

    /** Appends {@code event} in the caller's transaction, without reading its sequence back. */
    static void insert(Connection connection, AuditEvent event) throws SQLException {
        Jdbc.update(connection, INSERT, event.at(), event.actor(), event.action(), event.subject(), event.detail());
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, occurred_at, actor, action, subject, detail FROM audit_log WHERE id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.afterSequence());
        query.actor().ifPresent(actor -> {
            sql.append(" AND actor = ?");
            parameters.add(actor);
        });
        query.subject().ifPresent(subject -> {
            sql.append(" AND subject = ?");
            parameters.add(subject);
        });
        sql.append(" ORDER BY id LIMIT ?");
        parameters.add(query.limit());
        return jdbc.transact(connection -> Jdbc.query(connection, sql.toString(), JdbcAuditLog::entry,
                parameters.toArray()));
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), new AuditEvent(Jdbc.instant(row, "occurred_at"),
                row.getString("actor"), row.getString("action"), row.getString("subject"), row.getString("detail")));
    }
}
