package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class ApiKeyStoreContract extends StorageContract {

    @Test
    void authenticates_an_issued_key_and_stores_only_its_hash() {
        Account account = account("integrator");
        IssuedApiKey issued = database.apiKeys().issue(account.id(), "ci pipeline", NOW);

        assertThat(database.apiKeys().authenticate(issued.key())).isEqualTo(Outcome.accepted(issued.apiKey()));
        String stored = database.jdbc().transact(connection -> Jdbc.queryOne(connection,
                "SELECT secret_sha256 FROM api_keys WHERE key_id = ?", row -> row.getString(1),
                issued.apiKey().keyId())).orElseThrow();
        assertThat(stored).isEqualTo(PresentedApiKey.parse(issued.key()).orElseThrow().sha256())
                .doesNotContain(issued.key().substring(21));
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    void refuses_a_key_with_a_wrong_secret() {
        IssuedApiKey issued = database.apiKeys().issue(account("integrator").id(), "ci", NOW);
        String key = issued.key();
        String wrong = key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A");

        assertThat(database.apiKeys().authenticate(wrong).refusal()).contains(ApiKeyRefusal.WRONG_SECRET);
    }

    @Test
    void refuses_a_key_with_an_unknown_key_id() {
        IssuedApiKey issued = database.apiKeys().issue(account("integrator").id(), "ci", NOW);
        String key = issued.key();
        String unknown = "ock_" + (key.charAt(4) == '0' ? "1" : "0") + key.substring(5);

        assertThat(database.apiKeys().authenticate(unknown).refusal()).contains(ApiKeyRefusal.UNKNOWN_KEY);
    }

    @Test
    void refuses_a_malformed_key() {
        assertThat(database.apiKeys().authenticate("not-a-key").refusal()).contains(ApiKeyRefusal.MALFORMED);
        assertThat(database.apiKeys().authenticate("").refusal()).contains(ApiKeyRefusal.MALFORMED);
        assertThat(database.apiKeys().authenticate(null).refusal()).contains(ApiKeyRefusal.MALFORMED);
    }

    @Test
    void refuses_a_revoked_key_and_revokes_only_once() {
        Account account = account("integrator");
        IssuedApiKey issued = database.apiKeys().issue(account.id(), "ci", NOW);

        assertThat(database.apiKeys().revoke(issued.apiKey().keyId(), NOW.plusSeconds(1))).isTrue();
        assertThat(database.apiKeys().revoke(issued.apiKey().keyId(), NOW.plusSeconds(2))).isFalse();
        assertThat(database.apiKeys().revoke("0123456789abcdef", NOW)).isFalse();

        assertThat(database.apiKeys().authenticate(issued.key()).refusal()).contains(ApiKeyRefusal.REVOKED);
        assertThat(database.apiKeys().findByAccount(account.id())).singleElement()
                .satisfies(key -> assertThat(key.revokedAt()).contains(NOW.plusSeconds(1)));
    }

    @Test
    void lists_the_keys_of_an_account() {
        Account account = account("integrator");
        IssuedApiKey first = database.apiKeys().issue(account.id(), "first", NOW);
        IssuedApiKey second = database.apiKeys().issue(account.id(), "second", NOW.plusSeconds(1));
        database.apiKeys().issue(account("other").id(), "other", NOW);

        assertThat(database.apiKeys().findByAccount(account.id())).containsExactly(first.apiKey(), second.apiKey());
    }

    @Test
    void rejects_a_key_for_an_unknown_account() {
        assertThatThrownBy(() -> database.apiKeys().issue(UUID.randomUUID(), "ci", NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.FOREIGN_KEY);
                    assertThat(e.constraint()).contains("api_keys_account_fk");
                });
    }
}
