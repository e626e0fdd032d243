package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void doubles_the_delay_up_to_its_maximum() {
        RetrySchedule schedule = RetrySchedule.STANDARD;

        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.delayAfter(9)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(schedule.delayAfter(10)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.giveUpAfter()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void keeps_a_constant_delay_with_multiplier_one() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5), 1.0, Duration.ofSeconds(5), Duration.ofMinutes(1));

        assertThat(schedule.delayAfter(7)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejects_a_delay_before_any_failed_attempt() {
        assertThatThrownBy(() -> RetrySchedule.STANDARD.delayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_inconsistent_settings() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(second, 0.5, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(second, Double.NaN, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), 2, second, second))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(second, 2, second, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(null, 2, second, second)).isInstanceOf(NullPointerException.class);
    }
}
