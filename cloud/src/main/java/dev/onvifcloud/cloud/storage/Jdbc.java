package dev.onvifcloud.cloud.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs statements either in a transaction of their own (connections from the pool) or in the caller's
 * {@link Transaction} (one bound connection), and translates {@link SQLException}s. The stores share one
 * instance per mode.
 */
final class Jdbc {

    /** Work on one connection, inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A typed SQL NULL parameter ({@link java.sql.Types}). */
    record Null(int sqlType) {
    }

    private final Dialect dialect;
    private final DataSource dataSource;
    private final Connection bound;
    private final Runnable onFailure;
    private final Set<String> constraintNames;

    private Jdbc(Dialect dialect, DataSource dataSource, Connection bound, Runnable onFailure,
            Set<String> constraintNames) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.bound = bound;
        this.onFailure = onFailure;
        this.constraintNames = Set.copyOf(constraintNames);
    }

    /** Each {@link #transact} call takes a connection from the pool and commits its own transaction. */
    static Jdbc pooled(Dialect dialect, DataSource dataSource, Set<String> constraintNames) {
        return new Jdbc(dialect, dataSource, null, () -> { }, constraintNames);
    }

    /** Every {@link #transact} call runs on {@code connection}, in the transaction the caller manages. */
    Jdbc bound(Connection connection, Runnable onFailure) {
        return new Jdbc(dialect, null, connection, onFailure, constraintNames);
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T transact(SqlWork<T> work) {
        if (bound != null) {
            try {
                return work.run(bound);
            } catch (SQLException e) {
                onFailure.run();
                throw translate(e);
            } catch (RuntimeException | Error e) {
                onFailure.run();
                throw e;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollback(connection, e);
                throw translate(e);
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A constraint violation becomes a {@link StorageConstraintException} naming the constraint, anything else a {@link StorageException}. */
    StorageException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!state.startsWith("23")) {
            return new StorageException("database statement failed (SQLState " + state + ")", e);
        }
        StorageConstraintException.Kind kind;
        switch (state) {
            case "23505":
                kind = StorageConstraintException.Kind.UNIQUE;
                break;
            case "23503": // PostgreSQL, and H2 for a parent row still referenced
            case "23506": // H2: parent row missing
                kind = StorageConstraintException.Kind.FOREIGN_KEY;
                break;
            case "23513": // H2
            case "23514": // PostgreSQL
                kind = StorageConstraintException.Kind.CHECK;
                break;
            case "23502":
                kind = StorageConstraintException.Kind.NOT_NULL;
                break;
            default:
                kind = StorageConstraintException.Kind.OTHER;
        }
        return new StorageConstraintException(kind, constraintIn(e.getMessage()), e);
    }

    /** The longest declared constraint name that the database's message mentions. */
    private Optional<String> constraintIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return constraintNames.stream()
                .filter(lower::contains)
                .max((a, b) -> Integer.compare(a.length(), b.length()));
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int index = i + 1;
            if (value == null) {
                throw new IllegalArgumentException("parameter " + index + " is null; use Jdbc.Null");
            } else if (value instanceof Null) {
                statement.setNull(index, ((Null) value).sqlType());
            } else if (value instanceof Instant) {
                statement.setObject(index, timestamp((Instant) value));
            } else if (value instanceof Enum<?>) {
                statement.setString(index, ((Enum<?>) value).name());
            } else if (value instanceof String || value instanceof UUID
                    || value instanceof Integer || value instanceof Long) {
                statement.setObject(index, value);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + value.getClass().getName());
            }
        }
    }

    /** The stored form of an instant: UTC, truncated to the microseconds both databases keep. */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** The instant a stored time stands for, as it reads back after {@link #timestamp}. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    static <T> Optional<T> queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        List<T> rows = query(connection, sql, mapper, parameters);
        if (rows.size() > 1) {
            throw new StorageException("expected at most one row, got " + rows.size());
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return optionalInstant(row, column)
                .orElseThrow(() -> new StorageException("column " + column + " is unexpectedly NULL"));
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }

    static UUID uuid(ResultSet row, String column) throws SQLException {
        return optionalUuid(row, column)
                .orElseThrow(() -> new StorageException("column " + column + " is unexpectedly NULL"));
    }

    static Optional<UUID> optionalUuid(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, UUID.class));
    }

    static Optional<String> optionalString(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }

    static Object nullable(Optional<?> value, int sqlType) {
        return value.isPresent() ? value.get() : new Null(sqlType);
    }
}
