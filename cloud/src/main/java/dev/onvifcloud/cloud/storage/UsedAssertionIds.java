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
 * key makes {@link #firstUse} atomic: of two concurrent inserts, one fails. Rows whose expiry has passed
 * are deleted at most once per {@link #PURGE_INTERVAL}, by the call that finds the interval elapsed.
 * A {@code jti} longer than {@value #MAX_STORED_JTI} characters is stored as its SHA-256. Blocking
 * (a database round trip): do not call it on an event loop. Thread-safe.
 */
public final class UsedAssertionIds implements JtiReplayGuard {

    /** How often expired rows are deleted. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    static final int MAX_STORED_JTI = 200;

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
        Instant now = clock.instant();
        purgeIfDue(now);
        try {
            return jdbc.transact(connection -> {
                // An expired row for this very pair may not have been purged yet: it no longer protects anything.
                Jdbc.update(connection,
                        "DELETE FROM used_assertion_ids WHERE client_id = ? AND jti = ? AND expires_at <= ?",
                        clientId, storedJti, now);
                Jdbc.update(connection,
                        "INSERT INTO used_assertion_ids (client_id, jti, expires_at) VALUES (?, ?, ?)",
                        clientId, storedJti, expiresAt);
                return true;
            });
        } catch (StorageConstraintException e) {
            if (e.kind() == StorageConstraintException.Kind.UNIQUE) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the rows whose expiry has passed; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        return jdbc.transact(connection -> Jdbc.update(connection,
                "DELETE FROM used_assertion_ids WHERE expires_at <= ?", now));
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
