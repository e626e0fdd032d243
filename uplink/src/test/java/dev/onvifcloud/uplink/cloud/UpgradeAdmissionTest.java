package dev.onvifcloud.uplink.cloud;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpgradeAdmissionTest {

    @Test
    void admits_up_to_the_limit_and_refuses_beyond() {
        UpgradeAdmission admission = new UpgradeAdmission(2);

        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.tryAdmit()).isFalse();

        assertThat(admission.inProgress()).isEqualTo(2);
        assertThat(admission.refused()).isEqualTo(1);
    }

    @Test
    void a_slot_comes_back_once_even_when_released_twice() {
        UpgradeAdmission admission = new UpgradeAdmission(1);
        assertThat(admission.tryAdmit()).isTrue();
        Runnable slot = admission.admitted();

        slot.run(); // upgraded
        slot.run(); // and closed later

        assertThat(admission.inProgress()).isZero();
        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.tryAdmit()).isFalse();
    }

    @Test
    void rejects_a_limit_below_one() {
        assertThatThrownBy(() -> new UpgradeAdmission(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
