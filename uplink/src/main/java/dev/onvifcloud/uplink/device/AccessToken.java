package dev.onvifcloud.uplink.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An access token obtained from the uplink's authorization server, sent as {@code Authorization: Bearer}
 * in the upgrade request. {@link #toString()} never shows the token.
 */
public record AccessToken(String value, Optional<Instant> expiresAt) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isEmpty() || !value.chars().allMatch(AccessToken::isB64TokenChar)) {
            throw new IllegalArgumentException("access token must be a non-empty RFC 6750 b64token");
        }
    }

    public static AccessToken of(String value, Instant expiresAt) {
        return new AccessToken(value, Optional.of(expiresAt));
    }

    /** True when the token expires within {@code margin} from now (a token without expiry never does). */
    public boolean expiresWithin(Duration margin, Clock clock) {
        return expiresAt.isPresent() && !clock.instant().plus(margin).isBefore(expiresAt.get());
    }

    private static boolean isB64TokenChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt.map(Instant::toString).orElse("never") + "]";
    }
}
