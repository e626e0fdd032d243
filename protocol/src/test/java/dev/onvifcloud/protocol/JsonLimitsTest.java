package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    @Test
    void defaults_are_one_mebibyte_depth_sixteen_256_items_and_16384_characters() {
        assertThat(JsonLimits.defaults()).isEqualTo(new JsonLimits(1_048_576, 16, 256, 16_384));
    }

    @Test
    void withers_change_one_limit() {
        JsonLimits limits = JsonLimits.defaults()
                .withMaxBodyBytes(10).withMaxDepth(2).withMaxArrayItems(3).withMaxStringLength(4);

        assertThat(limits).isEqualTo(new JsonLimits(10, 2, 3, 4));
    }

    @Test
    void rejects_limits_below_one() {
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxArrayItems(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxStringLength(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_depth_above_the_ceiling() {
        assertThat(JsonLimits.defaults().withMaxDepth(JsonLimits.MAX_DEPTH_CEILING).maxDepth()).isEqualTo(256);
        assertThatThrownBy(() -> JsonLimits.defaults().withMaxDepth(JsonLimits.MAX_DEPTH_CEILING + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
