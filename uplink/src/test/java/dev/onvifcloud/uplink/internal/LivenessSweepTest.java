package dev.onvifcloud.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2PingFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LivenessSweepTest {

    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static LivenessHandler handler() {
        return new LivenessHandler(Duration.ofSeconds(4), Duration.ofSeconds(30), TunnelObserver.NONE);
    }

    @Test
    void connections_of_one_event_loop_with_one_period_share_one_sweep() throws Exception {
        LivenessHandler a = handler();
        LivenessHandler b = handler();
        LivenessHandler c = handler();

        List<LivenessSweep> sweeps = loop.submit(() -> List.of(LivenessSweep.join(loop, PERIOD, a),
                LivenessSweep.join(loop, PERIOD, b), LivenessSweep.join(loop, 2 * PERIOD, c))).get();

        assertThat(sweeps.get(0)).isSameAs(sweeps.get(1)).isNotSameAs(sweeps.get(2));
        assertThat(loop.submit(() -> sweeps.get(0).size()).get()).isEqualTo(2);
        assertThat(loop.submit(() -> sweeps.get(2).size()).get()).isEqualTo(1);
    }

    @Test
    void the_last_connection_out_ends_the_sweep_and_the_next_one_starts_a_new_one() throws Exception {
        LivenessHandler a = handler();
        LivenessHandler b = handler();
        LivenessSweep first = loop.submit(() -> LivenessSweep.join(loop, PERIOD, a)).get();
        loop.submit(() -> LivenessSweep.join(loop, PERIOD, b)).get();

        loop.submit(() -> first.leave(a)).get();
        LivenessSweep same = loop.submit(() -> LivenessSweep.join(loop, PERIOD, a)).get();
        loop.submit(() -> {
            first.leave(a);
            first.leave(b);
        }).get();
        LivenessSweep next = loop.submit(() -> LivenessSweep.join(loop, PERIOD, a)).get();

        assertThat(same).isSameAs(first);
        assertThat(next).isNotSameAs(first);
        assertThat(loop.submit(() -> first.size()).get()).isZero();
        assertThat(loop.submit(() -> next.size()).get()).isEqualTo(1);
    }

    @Test
    void a_sweep_is_joined_on_its_event_loop_only() {
        assertThatThrownBy(() -> LivenessSweep.join(loop, PERIOD, handler()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_idle_connection_is_pinged_although_the_check_of_another_one_failed() throws Exception {
        List<String> problems = new ArrayList<>();
        TunnelObserver failing = new TunnelObserver() {
            @Override
            public void upgraded() {
            }

            @Override
            public void problem(String reason) {
                problems.add(reason);
                throw new IllegalStateException("observer failed");
            }
        };
        // Embedded channels run on the test thread: both join one sweep, scheduled on the first one's loop.
        EmbeddedChannel idle = new EmbeddedChannel(new LivenessHandler(Duration.ofMillis(1), Duration.ofMillis(1_000),
                TunnelObserver.NONE));
        EmbeddedChannel timedOut = new EmbeddedChannel(new LivenessHandler(Duration.ofMillis(1), Duration.ofMillis(1),
                failing));
        try {
            Thread.sleep(5); // both channels idle for longer than 1 ms of System.nanoTime()
            idle.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            idle.runScheduledPendingTasks(); // the sweep: one tick per channel, in no particular order

            assertThat(problems).containsExactly("nothing received for more than 1 ms");
            assertThat(timedOut.isOpen()).isFalse();
            assertThatThrownBy(timedOut::checkException).hasMessage("observer failed");

            Thread.sleep(5);
            idle.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            idle.runScheduledPendingTasks(); // the sweep again: it outlived the failure

            List<Object> pings = new ArrayList<>();
            for (Object frame = idle.readOutbound(); frame != null; frame = idle.readOutbound()) {
                pings.add(frame);
            }
            assertThat(pings).hasSize(2).allSatisfy(frame -> {
                assertThat(frame).isInstanceOf(Http2PingFrame.class);
                assertThat(((Http2PingFrame) frame).ack()).isFalse();
            });
        } finally {
            timedOut.finishAndReleaseAll();
            idle.finishAndReleaseAll();
        }
    }
}
