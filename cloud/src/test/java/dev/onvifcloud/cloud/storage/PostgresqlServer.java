package dev.onvifcloud.cloud.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * One embedded PostgreSQL server for the whole test run, started on first use (stopped by its shutdown hook).
 * When it cannot start, the PostgreSQL tests fail if the environment variable CI is "true" (CI must run them),
 * and are skipped with the reason otherwise.
 */
public final class PostgresqlServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static Throwable startFailure;

    private PostgresqlServer() {
    }

    public static synchronized DatabaseSettings freshDatabase() {
        EmbeddedPostgres postgres = server();
        String name = "contract_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return DatabaseSettings.postgresql(postgres.getJdbcUrl("postgres", name), "postgres", "", 8);
    }

    private static EmbeddedPostgres server() {
        if (server == null && startFailure == null) {
            try {
                // A throw-away server: durability of its files does not matter, speed does.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException | RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            String message = "PostgreSQL (embedded) could not start: " + startFailure;
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + " (CI=true: the PostgreSQL contract tests must run)", startFailure);
            }
            Assumptions.abort(message + "; PostgreSQL contract tests skipped (with CI=true they fail instead)");
        }
        return server;
    }
}
