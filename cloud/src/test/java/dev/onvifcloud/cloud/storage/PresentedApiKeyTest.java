package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PresentedApiKeyTest {

    @Test
    void generates_keys_that_parse_back_with_their_key_id() {
        PresentedApiKey key = PresentedApiKey.generate(new SecureRandom());

        assertThat(key.text()).matches("ock_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        PresentedApiKey parsed = PresentedApiKey.parse(key.text()).orElseThrow();
        assertThat(parsed.keyId()).isEqualTo(key.text().substring(4, 20));
        assertThat(parsed.sha256()).isEqualTo(key.sha256()).hasSize(64);
        assertThat(parsed.toString()).doesNotContain(key.text().substring(21));
    }

    @Test
    void refuses_text_of_another_format() {
        String valid = PresentedApiKey.generate(new SecureRandom()).text();

        assertThat(PresentedApiKey.parse(null)).isEmpty();
        assertThat(PresentedApiKey.parse("")).isEmpty();
        assertThat(PresentedApiKey.parse(valid + "A")).isEmpty();
        assertThat(PresentedApiKey.parse(valid.substring(1))).isEmpty();
        assertThat(PresentedApiKey.parse(valid.replace("ock_", "OCK_"))).isEmpty();
        assertThat(PresentedApiKey.parse("ock_0123456789ABCDEF_" + "A".repeat(43))).isEmpty();
    }

    @Test
    void hashes_with_sha256() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1
        assertThat(PresentedApiKey.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
