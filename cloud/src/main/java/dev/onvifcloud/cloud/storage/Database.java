package dev.onvifcloud.cloud.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The cloud's database: a connection pool on the configured JDBC URL, migrated to the current schema
 * on {@link #open}, and the stores over it. Close it to close the pool.
 */
public final class Database implements Storage, AutoCloseable {

    /** Where the versioned migrations are, on the class path. */
    public static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final SecureRandom random;
    private final JdbcStores stores;

    private Database(HikariDataSource dataSource, Jdbc jdbc, SecureRandom random) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.random = random;
        this.stores = new JdbcStores(jdbc, random);
    }

    /**
     * Opens a pool on the database of {@code settings} and applies the migrations it lacks (none when it is
     * current). Fails with a {@link StorageException} when the database cannot be reached or migrated.
     */
    public static Database open(DatabaseSettings settings) {
        Objects.requireNonNull(settings, "settings");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setPoolName("onvif-cloud-storage");
        config.setDriverClassName(settings.isPostgresql() ? "org.postgresql.Driver" : "org.h2.Driver");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to the database " + settings.jdbcUrl(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(MIGRATIONS)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return new Database(dataSource, inspect(dataSource), new SecureRandom());
        } catch (FlywayException | StorageException e) {
            dataSource.close();
            throw new StorageException("cannot migrate the database " + settings.jdbcUrl(), e);
        }
    }

    /** Statements for this database: its dialect, and the names of its constraints to report violations by. */
    private static Jdbc inspect(HikariDataSource dataSource) {
        Set<String> names = new HashSet<>();
        try (Connection connection = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(connection.getMetaData().getDatabaseProductName());
            Jdbc.query(connection,
                    "SELECT constraint_name FROM information_schema.table_constraints",
                    row -> names.add(row.getString(1).toLowerCase(Locale.ROOT)));
            return Jdbc.pooled(dialect, dataSource, names);
        } catch (SQLException e) {
            throw new StorageException("cannot inspect the database", e);
        }
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw jdbc.translate(e);
        }
        try (connection) {
            connection.setAutoCommit(false);
            JdbcTransaction transaction = new JdbcTransaction(jdbc, connection, random);
            T result;
            try {
                result = work.run(transaction);
            } catch (RuntimeException | Error e) {
                transaction.end();
                Jdbc.rollback(connection, e);
                throw e;
            }
            transaction.end();
            if (transaction.isRollbackOnly()) {
                connection.rollback();
            } else {
                connection.commit();
            }
            return result;
        } catch (SQLException e) {
            throw jdbc.translate(e);
        }
    }

    @Override
    public AccountStore accounts() {
        return stores.accounts();
    }

    @Override
    public ApiKeyStore apiKeys() {
        return stores.apiKeys();
    }

    @Override
    public DeviceStore devices() {
        return stores.devices();
    }

    @Override
    public ShareTokenStore shareTokens() {
        return stores.shareTokens();
    }

    @Override
    public SharingOperationStore sharingOperations() {
        return stores.sharingOperations();
    }

    @Override
    public NotificationStore notifications() {
        return stores.notifications();
    }

    @Override
    public AuditLog auditLog() {
        return stores.auditLog();
    }

    @Override
    public ClientStore clients() {
        return stores.clients();
    }

    @Override
    public OcsCameraStore ocsCameras() {
        return stores.ocsCameras();
    }

    /** Statements on the pool, for tests of this package. */
    Jdbc jdbc() {
        return jdbc;
    }

    /** Closes the pool; an embedded H2 database is closed with its last connection. */
    @Override
    public void close() {
        dataSource.close();
    }
}
