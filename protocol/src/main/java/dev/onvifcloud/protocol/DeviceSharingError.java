package dev.onvifcloud.protocol;

import java.util.Objects;
import java.util.Optional;

/** Body of the 400 response of {@code POST /startDeviceSharing} ({@code deviceSharingError}). */
public record DeviceSharingError(DeviceSharingError.Code error) implements WireMessage {

    /** The values of {@code error}. */
    public enum Code {
        /** Wire value {@code "Invalid configuration"}. */
        INVALID_CONFIGURATION("Invalid configuration"),
        /** Wire value {@code "Invalid JWT"}. */
        INVALID_JWT("Invalid JWT");

        private final String wireName;

        Code(String wireName) {
            this.wireName = wireName;
        }

        /** The value as written on the wire. */
        public String wireName() {
            return wireName;
        }

        /** The code with exactly this wire value (case-sensitive). */
        public static Optional<Code> fromWireName(String wireName) {
            for (Code code : values()) {
                if (code.wireName.equals(wireName)) {
                    return Optional.of(code);
                }
            }
            return Optional.empty();
        }
    }

    public DeviceSharingError {
        Objects.requireNonNull(error, "error");
    }

    /** {@code {"error": "Invalid configuration"}}. */
    public static DeviceSharingError invalidConfiguration() {
        return new DeviceSharingError(Code.INVALID_CONFIGURATION);
    }

    /** {@code {"error": "Invalid JWT"}}. */
    public static DeviceSharingError invalidJwt() {
        return new DeviceSharingError(Code.INVALID_JWT);
    }
}
