package dev.onvifcloud.protocol;

import java.util.Optional;

/**
 * Authorization level assigned to an uplink connection ({@code userLevel} of {@code uplinkConfiguration}).
 * The constant names are the wire values.
 */
public enum UserLevel {
    Administrator,
    Operator,
    User;

    /** The value as written on the wire. */
    public String wireName() {
        return name();
    }

    /** The level with exactly this wire value (case-sensitive). */
    public static Optional<UserLevel> fromWireName(String wireName) {
        for (UserLevel level : values()) {
            if (level.wireName().equals(wireName)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
