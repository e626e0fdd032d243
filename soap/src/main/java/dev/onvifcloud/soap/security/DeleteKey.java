package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:DeleteKey. */
public record DeleteKey(KeyID keyID) implements SoapRequest {

    public DeleteKey {
        Objects.requireNonNull(keyID, "keyID");
    }
}
