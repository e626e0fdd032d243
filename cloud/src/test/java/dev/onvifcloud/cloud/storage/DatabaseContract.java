package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Migrations, durability across restarts, transactions and constraint errors. */
abstract class DatabaseContract extends StorageContract {

    private static final List<String> TABLES = List.of("accounts", "api_keys", "devices", "share_tokens",
            "sharing_operations", "operation_steps", "notifications", "audit_log");

    /** The versions of the migration scripts shipped in {@code db/migration}, in order. */
    private static List<String> shippedMigrations() {
        try (Stream<Path> files = Files.list(Path.of(DatabaseContract.class.getResource("/db/migration").toURI()))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> appliedMigrations() {
        return database.jdbc().transact(connection -> Jdbc.query(connection,
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank",
                row -> row.getString("version")));
    }

    @Test
    void migrates_an_empty_database_to_the_whole_schema() {
        assertThat(appliedMigrations()).isNotEmpty().containsExactlyElementsOf(shippedMigrations());
        for (String table : TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void reopening_applies_no_migration_again_and_keeps_every_record() {
        List<SharingOperation> operations = operations(2);
        database.auditLog().append(new AuditEvent(NOW, "owner", "share-token.issued", "SN-1", ""));

        restart();

        assertThat(appliedMigrations()).isNotEmpty().containsExactlyElementsOf(shippedMigrations());
        assertThat(database.accounts().findByName("owner")).isPresent();
        assertThat(database.devices().findBySerialNumber("SN-1")).get()
                .extracting(Device::state).isEqualTo(DeviceState.CLAIMED);
        assertThat(database.shareTokens().find("jti-0")).get().extracting(IssuedShareToken::isUsed).isEqualTo(true);
        assertThat(database.sharingOperations().find(operations.get(1).id())).contains(operations.get(1));
        assertThat(database.auditLog().find(AuditQuery.first(10))).hasSize(1);
    }

    @Test
    void commits_the_work_of_a_transaction_when_it_returns() {
        Account account = database.inTransaction(transaction -> {
            Account created = transaction.accounts().create("owner", NOW);
            transaction.auditLog().append(new AuditEvent(NOW, "admin", "account.created", created.name(), ""));
            return created;
        });

        assertThat(database.accounts().find(account.id())).contains(account);
        assertThat(count("audit_log")).isEqualTo(1);
    }

    @Test
    void rolls_back_every_store_when_the_work_throws() {
        assertThatThrownBy(() -> database.inTransaction(transaction -> {
            transaction.accounts().create("owner", NOW);
            transaction.auditLog().append(new AuditEvent(NOW, "admin", "account.created", "owner", ""));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(count("accounts")).isZero();
        assertThat(count("audit_log")).isZero();
    }

    @Test
    void rolls_back_when_the_work_asks_for_it() {
        String result = database.inTransaction(transaction -> {
            transaction.accounts().create("owner", NOW);
            transaction.setRollbackOnly();
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(count("accounts")).isZero();
    }

    @Test
    void rolls_back_when_a_statement_failed_even_if_the_work_caught_it() {
        account("taken");
        boolean rollbackOnly = database.inTransaction(transaction -> {
            transaction.accounts().create("new", NOW);
            assertThatThrownBy(() -> transaction.accounts().create("taken", NOW))
                    .isInstanceOf(StorageConstraintException.class);
            return transaction.isRollbackOnly();
        });

        assertThat(rollbackOnly).isTrue();
        assertThat(database.accounts().findByName("new")).isEmpty();
    }

    @Test
    void refuses_a_transaction_store_used_after_the_work_ended() {
        Transaction ended = database.inTransaction(transaction -> transaction);

        assertThatThrownBy(ended::accounts).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reports_a_broken_check_constraint_by_name() {
        Account account = account("owner");

        assertThatThrownBy(() -> execute("UPDATE accounts SET name = '' WHERE id = ?", account.id()))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.CHECK);
                    assertThat(e.constraint()).contains("accounts_name_check");
                    assertThat(e).hasMessage("check constraint accounts_name_check violated");
                });
    }

    @Test
    void reports_a_broken_rule_between_columns_by_name() {
        Device device = unclaimedDevice("SN-1");

        assertThatThrownBy(() -> execute("UPDATE devices SET state = 'CLAIMED' WHERE id = ?", device.id()))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.CHECK);
                    assertThat(e.constraint()).contains("devices_owner_check");
                });
    }

    @Test
    void reports_a_missing_not_null_value() {
        assertThatThrownBy(() -> execute("INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)",
                java.util.UUID.randomUUID(), "owner", nullTimestamp()))
                .isInstanceOfSatisfying(StorageConstraintException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.NOT_NULL));
    }

    @Test
    void reports_a_statement_error_as_a_storage_exception() {
        assertThatThrownBy(() -> execute("UPDATE no_such_table SET x = 1"))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageStartingWith("database statement failed");
    }

    @Test
    void keeps_times_to_the_microsecond() {
        java.time.Instant precise = NOW.plusNanos(123_456_789);
        AuditEntry entry = database.auditLog().append(new AuditEvent(precise, "a", "b", "c", ""));

        assertThat(database.auditLog().find(AuditQuery.first(1))).containsExactly(entry);
        assertThat(entry.event().at()).isEqualTo(NOW.plusNanos(123_456_000));
        assertThat(Optional.of(entry.event().at())).contains(Jdbc.stored(precise));
    }
}
