package dev.onvifcloud.soap.security;

import java.util.Objects;
import java.util.Optional;

/** tas:KeyAttribute: a key in the keystore as GetAllKeys reports it. */
public record KeyAttribute(KeyID keyID, Optional<String> alias, Optional<Boolean> hasPrivateKey, KeyStatus keyStatus,
                           Optional<Boolean> externallyGenerated, Optional<Boolean> securelyStored) {

    public KeyAttribute {
        Objects.requireNonNull(keyID, "keyID");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(hasPrivateKey, "hasPrivateKey");
        Objects.requireNonNull(keyStatus, "keyStatus");
        Objects.requireNonNull(externallyGenerated, "externallyGenerated");
        Objects.requireNonNull(securelyStored, "securelyStored");
    }
}
