package dev.onvifcloud.cloud.http;

/**
 * A token bucket's settings: up to {@code burst} requests at once, refilled at {@code perSecond}.
 *
 * @param burst the bucket's size, 1 to 10,000
 * @param perSecond the refill rate, positive, at most 10,000
 */
public record RateLimit(int burst, double perSecond) {

    /** Ten token requests at once, then two a second per client: far more than a camera needs (one per connection). */
    public static final RateLimit DEFAULT = new RateLimit(10, 2.0);

    public RateLimit {
        if (burst < 1 || burst > 10_000) {
            throw new IllegalArgumentException("burst must be 1 to 10000");
        }
        if (!(perSecond > 0) || perSecond > 10_000 || Double.isNaN(perSecond)) {
            throw new IllegalArgumentException("perSecond must be positive, at most 10000");
        }
    }
}
