package dev.onvifcloud.cloud.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

final class JdbcAccountStore implements AccountStore {

    private static final String COLUMNS = "id, name, created_at";

    private final Jdbc jdbc;

    JdbcAccountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Account create(String name, Instant now) {
        Account account = new Account(UUID.randomUUID(), name, Jdbc.stored(now));
        return jdbc.transact(connection -> {
            Jdbc.update(connection, "INSERT INTO accounts (" + COLUMNS + ") VALUES (?, ?, ?)",
                    account.id(), account.name(), account.createdAt());
            return account;
        });
    }

    @Override
    public Optional<Account> find(UUID id) {
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM accounts WHERE id = ?", JdbcAccountStore::account, id));
    }

    @Override
    public Optional<Account> findByName(String name) {
        return jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM accounts WHERE name = ?", JdbcAccountStore::account, name));
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(Jdbc.uuid(row, "id"), row.getString("name"), Jdbc.instant(row, "created_at"));
    }
}
