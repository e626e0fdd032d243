package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.storage.Account;
import java.util.Objects;

/**
 * An owner's account and an API key just issued for it. The key is stored only as a hash: show it to its holder once,
 * now. {@link #toString()} does not show it.
 */
public record OwnerApiKey(Account account, String apiKey) {

    public OwnerApiKey {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "OwnerApiKey[account=" + account + ", apiKey=***]";
    }
}
