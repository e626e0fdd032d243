package dev.onvifcloud.cloud.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the storage contracts: each test gets an empty, migrated database of {@link #backend()}, and
 * fixtures to fill it.
 */
abstract class StorageContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final String SHA256 = "0".repeat(64);

    @TempDir
    Path tempDir;

    DatabaseSettings settings;
    Database database;

    /** The database this contract runs against. */
    abstract Backend backend();

    @BeforeEach
    void openDatabase() {
        settings = backend().freshDatabase(tempDir);
        database = Database.open(settings);
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    /** Closes the database and opens it again, as a restarted process would. */
    void restart() {
        database.close();
        database = Database.open(settings);
    }

    Account account(String name) {
        return database.accounts().create(name, NOW);
    }

    Device unclaimedDevice(String serialNumber) {
        return database.devices().recordSeen(
                new DeviceInformation("Acme", "Cam-1", "1.0.0", serialNumber, "hw-" + serialNumber), NOW);
    }

    /** A device claimed by {@code owner}, without the (deliberately slow) claim code hash. */
    Device claimedDevice(String serialNumber, Account owner) {
        Device device = unclaimedDevice(serialNumber);
        database.jdbc().transact((Connection connection) -> Jdbc.update(connection,
                "UPDATE devices SET state = 'CLAIMED', owner_account_id = ?, claimed_at = ? WHERE id = ?",
                owner.id(), NOW, device.id()));
        return database.devices().find(device.id()).orElseThrow();
    }

    IssuedShareToken shareToken(String jti, Device device, Account owner, SharingMode mode) {
        return database.shareTokens().record(
                new NewShareToken(jti, device.id(), owner.id(), mode, NOW, NOW.plus(Duration.ofMinutes(15))));
    }

    /** An owner with a claimed device and {@code count} unused share tokens for it ({@code jti-0}, ...). */
    List<IssuedShareToken> tokens(int count) {
        Account owner = account("owner");
        Device device = claimedDevice("SN-1", owner);
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> shareToken("jti-" + i, device, owner, SharingMode.SHARE))
                .toList();
    }

    static SharingRequest request(List<String> jtis) {
        return new SharingRequest(UUID.randomUUID(), SHA256, jtis.stream()
                .map(jti -> new NewSharingOperation(UUID.randomUUID(), jti, "{\"shareToken\":\"" + jti + "\"}"))
                .toList());
    }

    /** {@code count} sharing operations, started and due at {@link #NOW}. */
    List<SharingOperation> operations(int count) {
        List<String> jtis = tokens(count).stream().map(IssuedShareToken::jti).toList();
        return database.sharingOperations().start(request(jtis), NOW).value();
    }

    /** Runs a statement directly (outside the stores), for checks and for breaking rules on purpose. */
    int execute(String sql, Object... parameters) {
        return database.jdbc().transact(connection -> Jdbc.update(connection, sql, parameters));
    }

    long count(String table) {
        return database.jdbc().transact(connection -> Jdbc.queryOne(connection,
                "SELECT COUNT(*) AS n FROM " + table, row -> row.getLong("n")).orElseThrow());
    }

    static Object nullTimestamp() {
        return new Jdbc.Null(Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
