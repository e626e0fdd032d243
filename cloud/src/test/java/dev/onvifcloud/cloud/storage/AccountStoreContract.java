package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class AccountStoreContract extends StorageContract {

    @Test
    void creates_an_account_found_by_id_and_by_name() {
        Account account = database.accounts().create("alice@example.com", NOW);

        assertThat(account.name()).isEqualTo("alice@example.com");
        assertThat(account.createdAt()).isEqualTo(NOW);
        assertThat(database.accounts().find(account.id())).contains(account);
        assertThat(database.accounts().findByName("alice@example.com")).contains(account);
    }

    @Test
    void finds_nothing_for_an_unknown_account() {
        assertThat(database.accounts().find(UUID.randomUUID())).isEmpty();
        assertThat(database.accounts().findByName("nobody")).isEmpty();
    }

    @Test
    void rejects_an_account_name_taken_already() {
        account("alice");

        assertThatThrownBy(() -> database.accounts().create("alice", NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("accounts_name_key");
                });
        assertThat(count("accounts")).isEqualTo(1);
    }

    @Test
    void rejects_a_blank_account_name() {
        assertThatThrownBy(() -> database.accounts().create(" ", NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
