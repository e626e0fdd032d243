package dev.onvifcloud.security.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareTokenPolicyTest {

    @Test
    void defaults_are_es256_only_60s_skew_24h_lifetime_8kib_any_issuer() {
        ShareTokenPolicy policy = ShareTokenPolicy.defaults();

        assertThat(policy.acceptedAlgorithms()).containsExactly(JWSAlgorithm.ES256);
        assertThat(policy.maxClockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.maxLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.maxTokenBytes()).isEqualTo(8192);
        assertThat(policy.expectedIssuer()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "HS384", "HS512", "EdDSA", "dir", "RSA-OAEP"})
    void none_hmac_and_other_algorithms_can_never_be_enabled(String algorithm) {
        assertThatIllegalArgumentException().isThrownBy(() ->
                ShareTokenPolicy.defaults().withAcceptedAlgorithms(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.parse(algorithm))));
    }

    @Test
    void accepts_every_asymmetric_algorithm() {
        Set<JWSAlgorithm> all = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
                JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

        assertThat(ShareTokenPolicy.defaults().withAcceptedAlgorithms(all).acceptedAlgorithms()).isEqualTo(all);
    }

    @Test
    void refuses_an_empty_algorithm_set() {
        assertThatIllegalArgumentException().isThrownBy(() -> ShareTokenPolicy.defaults().withAcceptedAlgorithms(Set.of()));
    }

    @Test
    void bounds_the_clock_skew_to_five_minutes() {
        assertThat(ShareTokenPolicy.defaults().withMaxClockSkew(Duration.ofMinutes(5)).maxClockSkew())
                .isEqualTo(Duration.ofMinutes(5));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShareTokenPolicy.defaults().withMaxClockSkew(Duration.ofMinutes(5).plusSeconds(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShareTokenPolicy.defaults().withMaxClockSkew(Duration.ofSeconds(-1)));
    }

    @Test
    void bounds_the_lifetime() {
        assertThatIllegalArgumentException().isThrownBy(() -> ShareTokenPolicy.defaults().withMaxLifetime(Duration.ZERO));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShareTokenPolicy.defaults().withMaxLifetime(ShareTokenPolicy.MAX_LIFETIME.plusSeconds(1)));
    }

    @Test
    void bounds_the_token_size() {
        assertThatIllegalArgumentException().isThrownBy(() -> ShareTokenPolicy.defaults().withMaxTokenBytes(255));
        assertThatIllegalArgumentException().isThrownBy(() -> ShareTokenPolicy.defaults().withMaxTokenBytes(64 * 1024 + 1));
    }

    @Test
    void refuses_an_empty_expected_issuer() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ShareTokenPolicy(
                ShareTokenPolicy.DEFAULT_ALGORITHMS, Optional.of(""), Duration.ZERO, Duration.ofHours(1), 8192));
    }
}
