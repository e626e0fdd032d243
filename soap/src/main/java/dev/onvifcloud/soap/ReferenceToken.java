package dev.onvifcloud.soap;

import java.util.Objects;

/** tt:ReferenceToken: an identifier of a device resource, at most 64 characters. */
public record ReferenceToken(String value) {

    public ReferenceToken {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException("A ReferenceToken has 1 to 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
