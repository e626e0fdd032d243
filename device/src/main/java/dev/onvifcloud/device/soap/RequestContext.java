package dev.onvifcloud.device.soap;

import dev.onvifcloud.uplink.UserLevel;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a request came from: the uplink's user level, the HTTP path it was posted to and the authority the
 * cloud named.
 */
public record RequestContext(UserLevel userLevel, String path, Optional<String> authority) {

    public RequestContext {
        Objects.requireNonNull(userLevel, "userLevel");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(authority, "authority");
    }
}
