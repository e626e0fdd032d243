package dev.onvifcloud.cloud.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is and how many connections to keep to it.
 *
 * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql:...}
 * @param user database user
 * @param password database password, may be empty; never shown by {@link #toString()}
 * @param maximumPoolSize connections in the pool, 1 to 1000
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maximumPoolSize) {

    /** Connections for the embedded H2 default. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /** The file name (without H2's {@code .mv.db}) of the embedded database in its data directory. */
    public static final String H2_DATABASE_NAME = "onvif-cloud";
    /**
     * Parsed statements each H2 session keeps (the storage layer has fewer distinct statements than this). H2 never
     * keeps a {@code SELECT ... FOR UPDATE} (its {@code Select.isCacheable()} is false then): such a statement is parsed
     * and planned on every call, so hot paths lock a row with a conditional {@code UPDATE} and check the row count.
     */
    static final int H2_QUERY_CACHE_SIZE = 256;

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:h2: or jdbc:postgresql:");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (maximumPoolSize < 1 || maximumPoolSize > 1000) {
            throw new IllegalArgumentException("maximumPoolSize must be 1 to 1000, not " + maximumPoolSize);
        }
    }

    /**
     * The embedded default: an H2 database file in {@code dataDirectory} (created if missing), in
     * PostgreSQL compatibility mode so that the same migrations and statements serve both. Each pooled session
     * keeps up to {@value #H2_QUERY_CACHE_SIZE} parsed statements (H2's default of 8 is fewer than one onboarding
     * uses, so every statement was parsed again: several per cent of the onboarding benchmark's CPU).
     */
    public static DatabaseSettings h2(Path dataDirectory) {
        Path file = dataDirectory.toAbsolutePath().normalize().resolve(H2_DATABASE_NAME);
        String path = file.toString();
        if (path.contains(";")) {
            throw new IllegalArgumentException("the data directory must not contain ';'");
        }
        return new DatabaseSettings(
                "jdbc:h2:file:" + path
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                        + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=" + H2_QUERY_CACHE_SIZE,
                "sa", "", DEFAULT_POOL_SIZE);
    }

    /** A PostgreSQL database. */
    public static DatabaseSettings postgresql(String jdbcUrl, String user, String password, int maximumPoolSize) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:");
        }
        return new DatabaseSettings(jdbcUrl, user, password, maximumPoolSize);
    }

    /** Whether this is a PostgreSQL database (else H2). */
    public boolean isPostgresql() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + ", maximumPoolSize=" + maximumPoolSize + "]";
    }
}
