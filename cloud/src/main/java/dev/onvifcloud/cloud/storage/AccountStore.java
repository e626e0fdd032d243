package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Accounts: owners of cameras and holders of API keys. */
public interface AccountStore {

    /**
     * Creates an account with a new id.
     *
     * @throws StorageConstraintException UNIQUE ({@code accounts_name_key}) when the name is taken
     */
    Account create(String name, Instant now);

    Optional<Account> find(UUID id);

    Optional<Account> findByName(String name);
}
