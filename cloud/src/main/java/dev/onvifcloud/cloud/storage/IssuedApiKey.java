package dev.onvifcloud.cloud.storage;

import java.util.Objects;

/**
 * A key just issued: the stored record and the whole key, which exists nowhere else and must be handed to
 * its holder now. {@link #toString()} does not show it.
 */
public record IssuedApiKey(ApiKey apiKey, String key) {

    public IssuedApiKey {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "IssuedApiKey[apiKey=" + apiKey + ", key=***]";
    }
}
