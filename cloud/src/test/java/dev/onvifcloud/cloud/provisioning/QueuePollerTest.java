package dev.onvifcloud.cloud.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueuePollerTest {

    @Test
    void runs_rounds_at_once_while_they_claim_a_full_batch_then_waits_for_the_next_poll() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch third = new CountDownLatch(1);
        CountDownLatch fourth = new CountDownLatch(1);
        int[] claimed = {5, 5, 2, 0};
        try (QueuePoller poller = new QueuePoller("test", 1, Duration.ofHours(1), 5, () -> {
            int round = rounds.getAndIncrement();
            (round == 2 ? third : round == 3 ? fourth : new CountDownLatch(1)).countDown();
            return round < claimed.length ? claimed[round] : 0;
        }, Duration.ofSeconds(5))) {
            poller.start();
            assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(fourth.await(200, TimeUnit.MILLISECONDS)).isFalse();
        }
    }

    @Test
    void polls_again_after_a_round_that_failed() throws Exception {
        CountDownLatch second = new CountDownLatch(2);
        try (QueuePoller poller = new QueuePoller("test", 1, Duration.ofMillis(10), 5, () -> {
            second.countDown();
            throw new IllegalStateException("database down");
        }, Duration.ofSeconds(5))) {
            poller.start();
            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refuses_to_start_twice_but_starts_again_after_close() {
        QueuePoller poller = new QueuePoller("test", 2, Duration.ofHours(1), 1, () -> 0, Duration.ofSeconds(5));
        poller.start();
        assertThatThrownBy(poller::start).isInstanceOf(IllegalStateException.class);
        poller.close();
        poller.start();
        poller.close();
    }
}
