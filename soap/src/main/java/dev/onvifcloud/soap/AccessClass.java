package dev.onvifcloud.soap;

import java.util.Set;

/**
 * The ONVIF Core access classes: every operation belongs to one, and a device's access policy says which
 * user levels may call operations of each class.
 */
public enum AccessClass {
    /** May be called before authentication (e.g. GetServiceCapabilities). */
    PRE_AUTH(Set.of("Administrator", "Operator", "User", "Anonymous")),
    /** Reads non-sensitive configuration. */
    READ_SYSTEM(Set.of("Administrator", "Operator", "User")),
    /** Reads sensitive configuration. */
    READ_SYSTEM_SENSITIVE(Set.of("Administrator", "Operator")),
    /** Reads secrets (keys, certificates, policies). */
    READ_SYSTEM_SECRET(Set.of("Administrator")),
    /** Changes the configuration. */
    WRITE_SYSTEM(Set.of("Administrator")),
    /** Changes that cannot be undone (deleting keys, rebooting, upgrading firmware). */
    UNRECOVERABLE(Set.of("Administrator")),
    /** Reads media and events. */
    READ_MEDIA(Set.of("Administrator", "Operator", "User")),
    /** Moves or switches something physical. */
    ACTUATE(Set.of("Administrator", "Operator"));

    private final Set<String> defaultUserLevels;

    AccessClass(Set<String> defaultUserLevels) {
        this.defaultUserLevels = defaultUserLevels;
    }

    /**
     * Whether the ONVIF Core default access policy lets a user level ({@code Administrator}, {@code Operator},
     * {@code User} or {@code Anonymous}) call operations of this class.
     */
    public boolean allowedByDefaultTo(String userLevel) {
        return defaultUserLevels.contains(userLevel);
    }
}
