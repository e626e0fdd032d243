package dev.onvifcloud.security.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAssertionPolicyTest {

    private static final Set<String> AUDIENCES = Set.of("https://as.example.com/token");

    @Test
    void defaults_are_es256_rs256_ps256_60s_skew_5min_lifetime_8kib() {
        ClientAssertionPolicy policy = ClientAssertionPolicy.defaults(AUDIENCES);

        assertThat(policy.acceptedAlgorithms()).containsExactlyInAnyOrder(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256);
        assertThat(policy.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.maxLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.maxAssertionBytes()).isEqualTo(8192);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS512"})
    void none_and_hmac_can_never_be_enabled(String algorithm) {
        assertThatIllegalArgumentException().isThrownBy(() ->
                ClientAssertionPolicy.defaults(AUDIENCES).withAcceptedAlgorithms(Set.of(JWSAlgorithm.parse(algorithm))));
    }

    @Test
    void needs_at_least_one_non_empty_audience() {
        assertThatIllegalArgumentException().isThrownBy(() -> ClientAssertionPolicy.defaults(Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> ClientAssertionPolicy.defaults(Set.of("")));
    }

    @Test
    void bounds_skew_and_lifetime() {
        ClientAssertionPolicy policy = ClientAssertionPolicy.defaults(AUDIENCES);

        assertThatIllegalArgumentException().isThrownBy(() -> policy.withMaxClockSkew(Duration.ofMinutes(6)));
        assertThatIllegalArgumentException().isThrownBy(() -> policy.withMaxLifetime(Duration.ofHours(1).plusSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> policy.withMaxLifetime(Duration.ZERO));
    }
}
