package dev.onvifcloud.security.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryJtiReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final SettableClock clock = new SettableClock(NOW);
    private final InMemoryJtiReplayGuard guard = new InMemoryJtiReplayGuard(3, clock);

    @Test
    void first_use_is_accepted_and_the_second_refused() {
        assertThat(guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60))).isTrue();
        assertThat(guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void jti_values_are_per_client() {
        assertThat(guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60))).isTrue();
        assertThat(guard.firstUse("camera-2", "jti-1", NOW.plusSeconds(60))).isTrue();
    }

    @Test
    void remembers_an_entry_until_its_expiry() {
        guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60));
        clock.advance(Duration.ofSeconds(59));

        assertThat(guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void forgets_expired_entries() {
        guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60));
        guard.firstUse("camera-1", "jti-2", NOW.plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));

        guard.firstUse("camera-1", "jti-3", NOW.plusSeconds(180));

        assertThat(guard.size()).isEqualTo(2);
    }

    @Test
    void fails_closed_when_full_of_unexpired_entries() {
        guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60));
        guard.firstUse("camera-1", "jti-2", NOW.plusSeconds(60));
        guard.firstUse("camera-1", "jti-3", NOW.plusSeconds(60));

        assertThatIllegalStateException().isThrownBy(() -> guard.firstUse("camera-1", "jti-4", NOW.plusSeconds(60)));
        assertThat(guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void has_room_again_once_entries_expire() {
        guard.firstUse("camera-1", "jti-1", NOW.plusSeconds(60));
        guard.firstUse("camera-1", "jti-2", NOW.plusSeconds(60));
        guard.firstUse("camera-1", "jti-3", NOW.plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));

        assertThat(guard.firstUse("camera-1", "jti-4", NOW.plusSeconds(120))).isTrue();
    }

    @Test
    void refuses_a_non_positive_capacity() {
        assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryJtiReplayGuard(0, clock));
    }
}
