package dev.onvifcloud.soap.security;

import java.util.Optional;

/** tas:KeyStatus: the status of a key in the keystore. */
public enum KeyStatus {
    /** The key is ready for use. */
    OK("ok"),
    /** The key is being generated. */
    GENERATING("generating"),
    /** The key is corrupt and cannot be used. */
    CORRUPT("corrupt");

    private final String wireValue;

    KeyStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as written on the wire. */
    public String wireValue() {
        return wireValue;
    }

    /** The status with exactly this wire value. */
    public static Optional<KeyStatus> fromWire(String value) {
        for (KeyStatus status : values()) {
            if (status.wireValue.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    static KeyStatus parse(String text) {
        return fromWire(text.strip()).orElseThrow(() ->
                new IllegalArgumentException("KeyStatus must be ok, generating or corrupt"));
    }
}
