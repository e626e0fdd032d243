package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API keys, stored as the SHA-256 of the key under its public key id. */
public interface ApiKeyStore {

    /**
     * Issues a new random key for the account.
     *
     * @throws StorageConstraintException FOREIGN_KEY ({@code api_keys_account_fk}) for an unknown account
     */
    IssuedApiKey issue(UUID accountId, String label, Instant now);

    /** The key that {@code presentedKey} is, or why it is refused. Compares hashes in constant time. */
    Outcome<ApiKey, ApiKeyRefusal> authenticate(String presentedKey);

    /** Revokes a key; false when there is no such key or it was already revoked. */
    boolean revoke(String keyId, Instant now);

    List<ApiKey> findByAccount(UUID accountId);
}
