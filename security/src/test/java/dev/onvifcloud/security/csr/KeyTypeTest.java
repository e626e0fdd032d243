package dev.onvifcloud.security.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyTypeTest {

    @Test
    void names_keys_the_usual_way() {
        assertThat(KeyType.EC_P256).hasToString("EC P-256");
        assertThat(KeyType.EC_P384.name()).isEqualTo("EC P-384");
        assertThat(KeyType.EC_P521.name()).isEqualTo("EC P-521");
        assertThat(KeyType.rsa(3072)).hasToString("RSA 3072").isEqualTo(new KeyType(KeyType.Family.RSA, 3072));
    }

    @Test
    void refuses_key_types_the_policy_would_not_accept() {
        assertThatThrownBy(() -> new KeyType(KeyType.Family.EC, 255)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyType.rsa(2047)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyType(null, 256)).isInstanceOf(NullPointerException.class);
    }
}
