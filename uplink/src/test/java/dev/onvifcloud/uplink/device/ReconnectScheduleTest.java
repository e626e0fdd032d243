package dev.onvifcloud.uplink.device;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectScheduleTest {

    private final ReconnectSchedule schedule = ReconnectSchedule.defaults();

    @Test
    void doubles_from_an_individual_start_up_to_30_seconds() {
        Duration start = schedule.start("SN-0001");
        assertThat(start).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));

        assertThat(IntStream.range(0, 8).mapToObj(i -> schedule.delay("SN-0001", i, 0.0)).toList())
                .containsExactly(start, start.multipliedBy(2), start.multipliedBy(4), start.multipliedBy(8),
                        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void start_is_stable_per_camera_and_spread_across_a_fleet() {
        assertThat(schedule.start("SN-0001")).isEqualTo(schedule.start("SN-0001"));
        Set<Duration> starts = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            starts.add(schedule.start("SN-" + i));
        }
        assertThat(starts).hasSizeGreaterThan(90);
    }

    @Test
    void jitter_only_shortens_and_never_exceeds_the_maximum() {
        for (int attempt = 0; attempt < 10; attempt++) {
            Duration none = schedule.delay("SN-7", attempt, 0.0);
            Duration most = schedule.delay("SN-7", attempt, 0.999);
            assertThat(most).isLessThanOrEqualTo(none).isGreaterThanOrEqualTo(none.multipliedBy(89).dividedBy(100));
            assertThat(none).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void rejects_inconsistent_settings() {
        assertThatThrownBy(() -> new ReconnectSchedule(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 0)).hasMessageContaining("longestStart");
        assertThatThrownBy(() -> new ReconnectSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1), 0)).hasMessageContaining("maximum");
        assertThatThrownBy(() -> new ReconnectSchedule(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 1.0)).hasMessageContaining("jitter");
    }
}
