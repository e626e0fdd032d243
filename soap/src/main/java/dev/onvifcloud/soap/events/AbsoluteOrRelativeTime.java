package dev.onvifcloud.soap.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** wsnt:AbsoluteOrRelativeTimeType: a termination time given as an instant or as a duration from now. */
public sealed interface AbsoluteOrRelativeTime permits AbsoluteOrRelativeTime.Absolute, AbsoluteOrRelativeTime.Relative {

    /** An xs:dateTime. */
    record Absolute(Instant instant) implements AbsoluteOrRelativeTime {
        public Absolute {
            Objects.requireNonNull(instant, "instant");
        }
    }

    /** An xs:duration from now. */
    record Relative(Duration duration) implements AbsoluteOrRelativeTime {
        public Relative {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("A relative termination time must be positive");
            }
        }
    }

    /** A duration from now. */
    static AbsoluteOrRelativeTime in(Duration duration) {
        return new Relative(duration);
    }

    /** An instant. */
    static AbsoluteOrRelativeTime at(Instant instant) {
        return new Absolute(instant);
    }
}
