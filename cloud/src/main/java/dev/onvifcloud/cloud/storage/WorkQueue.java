package dev.onvifcloud.cloud.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Claiming and leasing the rows of a work-queue table (columns {@code id, state, attempts, next_attempt_at,
 * lease_owner, lease_until, updated_at}).
 *
 * <p>Claiming locks due rows with {@code FOR UPDATE SKIP LOCKED}, so that concurrent claimers pass over each
 * other's rows instead of waiting, then leases each one with an update that re-checks it is still free. On
 * PostgreSQL one statement selects and locks the oldest due rows; on H2, which would lock every row it read,
 * candidates are read first and locked one by one ({@link Dialect#H2}). A lease is identified by its owner and end: a worker whose lease expired
 * can still write until another worker claims the row, which gives it a new lease.
 */
final class WorkQueue {

    private final String table;
    private final String claimableStates;
    private final Dialect dialect;

    /**
     * @param table the table, a constant
     * @param claimableStates the states a worker may claim, as a SQL list of literals, a constant
     */
    WorkQueue(String table, String claimableStates, Dialect dialect) {
        this.table = table;
        this.claimableStates = claimableStates;
        this.dialect = dialect;
    }

    static void requireClaim(String leaseOwner, Duration leaseDuration, int limit) {
        Lease.requireOwner(leaseOwner);
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** Claims up to {@code limit} due rows for {@code leaseOwner}; returns the leases, oldest due first. */
    List<Lease> claim(Connection connection, Instant now, String leaseOwner, Duration leaseDuration, int limit)
            throws SQLException {
        Instant until = Jdbc.stored(now.plus(leaseDuration));
        String claimable = "state IN (" + claimableStates + ") AND next_attempt_at <= ? "
                + "AND (lease_until IS NULL OR lease_until <= ?)";
        List<UUID> locked;
        if (dialect == Dialect.POSTGRESQL) {
            locked = Jdbc.query(connection,
                    "SELECT id FROM " + table + " WHERE " + claimable
                            + " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
                    row -> Jdbc.uuid(row, "id"), now, now, limit);
        } else {
            // H2 would lock every row read before the LIMIT applies: read candidates without locks (more than
            // needed, as other claimers may hold some), then lock them one by one, skipping those held.
            List<UUID> candidates = Jdbc.query(connection,
                    "SELECT id FROM " + table + " WHERE " + claimable + " ORDER BY next_attempt_at, id LIMIT ?",
                    row -> Jdbc.uuid(row, "id"), now, now, Math.min(limit * 2 + 8, limit + 1000));
            locked = new ArrayList<>();
            for (UUID id : candidates) {
                if (locked.size() == limit) {
                    break;
                }
                Jdbc.queryOne(connection,
                        "SELECT id FROM " + table + " WHERE id = ? AND " + claimable + " FOR UPDATE SKIP LOCKED",
                        row -> Jdbc.uuid(row, "id"), id, now, now).ifPresent(locked::add);
            }
        }
        List<Lease> leases = new ArrayList<>();
        for (UUID id : locked) {
            // Re-checked, so that a row freed and re-leased between the read and the lock is not taken twice.
            int leased = Jdbc.update(connection,
                    "UPDATE " + table + " SET lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? "
                            + "WHERE id = ? AND " + claimable,
                    leaseOwner, until, now, id, now, now);
            if (leased == 1) {
                leases.add(new Lease(id, leaseOwner, until));
            }
        }
        return leases;
    }

    /**
     * Locks the row if {@code lease} still holds it; returns its state. H2 parses this {@code SELECT ... FOR UPDATE}
     * on every call (see {@link DatabaseSettings#H2_QUERY_CACHE_SIZE}): where a write follows anyway, an {@code UPDATE}
     * whose {@code WHERE} presents the lease, its row count checked, does the same in one cached statement.
     */
    Optional<String> lockHeld(Connection connection, Lease lease) throws SQLException {
        return Jdbc.queryOne(connection,
                "SELECT state FROM " + table + " WHERE id = ? AND lease_owner = ? AND lease_until = ? FOR UPDATE",
                row -> row.getString("state"), lease.itemId(), lease.owner(), lease.until());
    }

    /** Extends a lease still held, to {@code now + leaseDuration}. */
    Optional<Lease> renew(Connection connection, Lease lease, Duration leaseDuration, Instant now)
            throws SQLException {
        Instant until = Jdbc.stored(now.plus(leaseDuration));
        int renewed = Jdbc.update(connection,
                "UPDATE " + table + " SET lease_until = ?, updated_at = ? "
                        + "WHERE id = ? AND lease_owner = ? AND lease_until = ? AND state IN (" + claimableStates + ")",
                until, now, lease.itemId(), lease.owner(), lease.until());
        return renewed == 1 ? Optional.of(new Lease(lease.itemId(), lease.owner(), until)) : Optional.empty();
    }

    /** The lease shown by a row, if any. */
    static Optional<Lease> lease(java.sql.ResultSet row) throws SQLException {
        Optional<String> owner = Jdbc.optionalString(row, "lease_owner");
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Lease(Jdbc.uuid(row, "id"), owner.get(), Jdbc.instant(row, "lease_until")));
    }

    static String truncate(String text, int maxLength) {
        Objects.requireNonNull(text, "text");
        return text.length() <= maxLength ? text : text.substring(0, maxLength - 3) + "...";
    }
}
