package dev.onvifcloud.cloud.management;

import dev.onvifcloud.cloud.http.RateLimit;
import dev.onvifcloud.cloud.storage.RetrySchedule;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The management API's settings.
 *
 * @param xaddr the {@code onvif:xaddr} of the share tokens we issue: this Provisioning Cloud Service's base URI
 * @param defaultShareTokenLifetime when the request names none; at most {@code maxShareTokenLifetime}
 * @param maxShareTokenLifetime the longest a caller may ask for; keep it within the service's share-token
 *     policy (its maximum lifetime, 24 h by default), or tokens issued will not be accepted
 * @param replaySchedule the schedule a replayed dead letter starts again with (its give-up period)
 * @param refusedClaims how many refused claims an account may have: a burst, then a rate; claims that succeed (or
 *     find the camera owned already) cost nothing
 */
public record ManagementSettings(URI xaddr, Duration defaultShareTokenLifetime, Duration maxShareTokenLifetime,
        RetrySchedule replaySchedule, RateLimit refusedClaims) {

    public static final Duration DEFAULT_SHARE_TOKEN_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_MAX_SHARE_TOKEN_LIFETIME = Duration.ofHours(24);
    /**
     * Twenty refused claims at once, then one every ten seconds: room for typing errors and a spreadsheet with some
     * wrong codes, not for guessing.
     */
    public static final RateLimit DEFAULT_REFUSED_CLAIMS = new RateLimit(20, 0.1);

    public ManagementSettings {
        Objects.requireNonNull(xaddr, "xaddr");
        if (!"https".equalsIgnoreCase(xaddr.getScheme()) || xaddr.getHost() == null) {
            throw new IllegalArgumentException("xaddr must be an https URI with a host");
        }
        Objects.requireNonNull(defaultShareTokenLifetime, "defaultShareTokenLifetime");
        Objects.requireNonNull(maxShareTokenLifetime, "maxShareTokenLifetime");
        if (maxShareTokenLifetime.getSeconds() < 1) {
            throw new IllegalArgumentException("maxShareTokenLifetime must be at least a second");
        }
        if (defaultShareTokenLifetime.getSeconds() < 1
                || defaultShareTokenLifetime.compareTo(maxShareTokenLifetime) > 0) {
            throw new IllegalArgumentException("defaultShareTokenLifetime must be 1 s to maxShareTokenLifetime");
        }
        Objects.requireNonNull(replaySchedule, "replaySchedule");
        Objects.requireNonNull(refusedClaims, "refusedClaims");
    }

    /**
     * 15 minutes by default, at most 24 hours, replays with {@link RetrySchedule#STANDARD}, refused claims limited to
     * {@link #DEFAULT_REFUSED_CLAIMS}.
     */
    public static ManagementSettings defaults(URI xaddr) {
        return new ManagementSettings(xaddr, DEFAULT_SHARE_TOKEN_LIFETIME, DEFAULT_MAX_SHARE_TOKEN_LIFETIME,
                RetrySchedule.STANDARD, DEFAULT_REFUSED_CLAIMS);
    }

    public ManagementSettings withMaxShareTokenLifetime(Duration value) {
        return new ManagementSettings(xaddr, defaultShareTokenLifetime.compareTo(value) > 0 ? value
                : defaultShareTokenLifetime, value, replaySchedule, refusedClaims);
    }

    public ManagementSettings withReplaySchedule(RetrySchedule value) {
        return new ManagementSettings(xaddr, defaultShareTokenLifetime, maxShareTokenLifetime, value, refusedClaims);
    }

    public ManagementSettings withRefusedClaims(RateLimit value) {
        return new ManagementSettings(xaddr, defaultShareTokenLifetime, maxShareTokenLifetime, replaySchedule, value);
    }
}
