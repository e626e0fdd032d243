package dev.onvifcloud.cloud.storage;

import dev.onvifcloud.security.assertion.JtiReplayGuard;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code jti}s of accepted client assertions, in the database ({@code used_assertion_ids}), so that an
 * assertion is accepted once even across a restart or by several nodes sharing the database. The primary
 * key makes a use atomic: of two concurrent inserts, one fails. A row whose expiry has passed no longer protects
 * anything: rows are deleted in bulk at most once per {@link #PURGE_INTERVAL} (by the call that finds the interval
 * elapsed), and an expired row not purged yet gives way to a new use of its pair. A {@code jti} longer than
 * {@value #MAX_STORED_JTI} characters is stored as its SHA-256. Blocking (database round trips): do not call it on
 * an event loop. Thread-safe.
 */
public final class UsedAssertionIds implements JtiReplayGuard {

    /** How often expired rows are deleted. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    static final int MAX_STORED_JTI = 200;

    /** What {@link #firstUseForGrant} found. */
    public enum GrantUse {
        /** First use: the jti and the audit event are committed. */
        FIRST,
        /** The client used this jti before (and its row has not expired): nothing written. */
        REPLAYED,
        /** The client is no longer REGISTERED with the given key (revoked, re-keyed or gone): nothing written. */
        CLIENT_CHANGED
    }

    private static final String INSERT = "INSERT INTO used_assertion_ids (client_id, jti, expires_at) VALUES (?, ?, ?)";
    // Inserts the row only while the client is REGISTERED with this very key: the check and the use are one statement.
    private static final String INSERT_IF_REGISTERED = "INSERT INTO used_assertion_ids (client_id, jti, expires_at) "
            + "SELECT client_id, CAST(? AS VARCHAR(256)), CAST(? AS TIMESTAMP WITH TIME ZONE) FROM oauth_clients "
            + "WHERE client_id = ? AND state = ? AND public_jwk = ?";

    private final Jdbc jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> nextPurge;

    private UsedAssertionIds(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextPurge = new AtomicReference<>(Instant.MIN);
    }

    /** The used assertion ids of {@code database}. */
    public static UsedAssertionIds in(Database database, Clock clock) {
        return new UsedAssertionIds(Objects.requireNonNull(database, "database").jdbc(), clock);
    }

    /** @throws StorageException when the database cannot tell (the assertion must then be refused) */
    @Override
    public boolean firstUse(String clientId, String jti, Instant expiresAt) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        String storedJti = stored(Objects.requireNonNull(jti, "jti"));
        return insertOnce(clientId, storedJti, connection -> {
            Jdbc.update(connection, INSERT, clientId, storedJti, expiresAt);
            return GrantUse.FIRST;
        }) == GrantUse.FIRST;
    }

    /**
     * Records a grant in one transaction: the first use of {@code jti} by {@code clientId} and the audit event
     * {@code granted}, provided that the client is, as the statement runs, REGISTERED with {@code publicJwk} (as
     * {@link OAuthClient#publicJwk()} gave it). Either both are committed ({@link GrantUse#FIRST}) or nothing is.
     *
     * @param expiresAt until when the jti must be remembered
     * @throws StorageException when the database cannot tell (the grant must then be refused)
     */
    public GrantUse firstUseForGrant(String clientId, String publicJwk, String jti, Instant expiresAt,
            AuditEvent granted) {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(granted, "granted");
        String storedJti = stored(Objects.requireNonNull(jti, "jti"));
        return insertOnce(clientId, storedJti, connection -> {
            if (Jdbc.update(connection, INSERT_IF_REGISTERED, storedJti, expiresAt, clientId,
                    OAuthClientState.REGISTERED, publicJwk) == 0) {
                return GrantUse.CLIENT_CHANGED;
            }
            JdbcAuditLog.insert(connection, granted);
            return GrantUse.FIRST;
        });
    }

    /** Deletes the rows whose expiry has passed; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return jdbc.transact(connection -> Jdbc.update(connection,
                "DELETE FROM used_assertion_ids WHERE expires_at <= ?", now));
    }

    /**
     * Runs {@code insert} in a transaction of its own; a duplicate pair is a replay unless its row has expired, in
     * which case that row is deleted and {@code insert} runs once more. The common case is one transaction with
     * one insert: the expired-row check costs nothing until a pair comes back.
     */
    private GrantUse insertOnce(String clientId, String storedJti, Jdbc.SqlWork<GrantUse> insert) {
        Instant now = clock.instant();
        purgeIfDue(now);
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.transact(insert);
            } catch (StorageConstraintException e) {
                if (e.kind() != StorageConstraintException.Kind.UNIQUE) { // audit_log ids never clash: an identity
                    throw e;
                }
                if (attempt > 1 || !deleteExpired(clientId, storedJti, now)) {
                    return GrantUse.REPLAYED;
                }
            }
        }
    }

    /** Deletes the row of this pair if it has expired (not purged yet); true if there was one. */
    private boolean deleteExpired(String clientId, String storedJti, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "DELETE FROM used_assertion_ids WHERE client_id = ? AND jti = ? AND expires_at <= ?",
                clientId, storedJti, now)) == 1;
    }

    private void purgeIfDue(Instant now) {
        Instant due = nextPurge.get();
        if (now.isBefore(due) || !nextPurge.compareAndSet(due, now.plus(PURGE_INTERVAL))) {
            return;
        }
        purgeExpired();
    }

    private static String stored(String jti) {
        if (jti.length() <= MAX_STORED_JTI) {
            return jti;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jti.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
