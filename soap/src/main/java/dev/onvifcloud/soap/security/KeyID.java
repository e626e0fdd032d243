package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.XsdTypes;
import java.util.Objects;

/** tas:KeyID: an xs:NCName of at most 64 characters, unique in the keystore. */
public record KeyID(String value) {

    public KeyID {
        Objects.requireNonNull(value, "value");
        if (value.length() > 64 || !XsdTypes.isNcName(value)) {
            throw new IllegalArgumentException("KeyID must be an NCName of at most 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
