package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ClaimCodeHashTest {

    private static final ClaimCodeHash HASH = ClaimCodeHash.of("7KQ2-M9XD-4RTW", new SecureRandom());

    @Test
    void matches_its_claim_code_only() {
        assertThat(HASH.matches("7KQ2-M9XD-4RTW")).isTrue();
        assertThat(HASH.matches("7KQ2-M9XD-4RTX")).isFalse();
        assertThat(HASH.matches("")).isFalse();
        assertThat(HASH.matches(null)).isFalse();
    }

    @Test
    void is_salted_and_slow_and_reads_back_from_its_text() {
        ClaimCodeHash again = ClaimCodeHash.of("7KQ2-M9XD-4RTW", new SecureRandom());

        assertThat(again.encoded()).isNotEqualTo(HASH.encoded()).startsWith("pbkdf2-sha256$310000$");
        assertThat(new ClaimCodeHash(HASH.encoded()).matches("7KQ2-M9XD-4RTW")).isTrue();
        assertThat(HASH.toString()).doesNotContain(HASH.encoded());
    }

    @Test
    void rejects_text_that_is_not_a_claim_code_hash() {
        for (String text : new String[] {"", "sha256$abc", "pbkdf2-sha256$x$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
                "pbkdf2-sha256$1$AA$" + "A".repeat(43), "pbkdf2-sha256$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA",
                "pbkdf2-sha256$0$AAAAAAAAAAAAAAAAAAAAAA$" + "A".repeat(43)}) {
            assertThatThrownBy(() -> new ClaimCodeHash(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejects_an_empty_or_oversized_claim_code() {
        assertThatThrownBy(() -> ClaimCodeHash.of("", new SecureRandom())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClaimCodeHash.of("x".repeat(129), new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
