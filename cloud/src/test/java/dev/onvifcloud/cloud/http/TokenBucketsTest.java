package dev.onvifcloud.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void a_bucket_allows_its_burst_then_refills_at_its_rate() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(2, 0.5), 100, clock);

        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).contains(Duration.ofSeconds(2));
        assertThat(buckets.take("b")).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.take("a")).isPresent();
    }

    @Test
    void forgets_full_buckets_when_holding_too_many_keys() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 1), 2, clock);
        buckets.take("a");
        buckets.take("b");
        buckets.take("c");
        clock.advance(Duration.ofSeconds(1));

        assertThat(buckets.take("d")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
    }

    @Test
    void waiting_for_a_token_takes_none() {
        TokenBuckets buckets = new TokenBuckets(new RateLimit(1, 0.25), 100, clock);

        assertThat(buckets.waitFor("a")).isEmpty();
        assertThat(buckets.waitFor("a")).isEmpty();
        assertThat(buckets.take("a")).isEmpty();
        assertThat(buckets.waitFor("a")).contains(Duration.ofSeconds(4));

        clock.advance(Duration.ofSeconds(3));
        assertThat(buckets.waitFor("a")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.waitFor("a")).isEmpty();
    }
}
