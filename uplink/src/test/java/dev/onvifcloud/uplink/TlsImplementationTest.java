package dev.onvifcloud.uplink;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsImplementationTest {

    private static final Optional<Throwable> NOT_LOADED =
            Optional.of(new UnsatisfiedLinkError("no netty_tcnative_linux_x86_64 in java.library.path"));

    @Test
    void parses_each_configured_value_in_any_case() {
        assertThat(TlsImplementation.parse("auto")).isEqualTo(TlsImplementation.AUTO);
        assertThat(TlsImplementation.parse("OpenSSL")).isEqualTo(TlsImplementation.OPENSSL);
        assertThat(TlsImplementation.parse(" jdk ")).isEqualTo(TlsImplementation.JDK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "boringssl", "open ssl", "java"})
    void rejects_an_unknown_value_naming_it_and_the_accepted_ones(String value) {
        assertThatThrownBy(() -> TlsImplementation.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("auto, openssl, jdk");
    }

    @Test
    void default_choice_is_auto() {
        assertThat(TlsImplementation.defaultChoice()).isEqualTo(TlsImplementation.AUTO);
    }

    @Test
    void boringssl_loads_on_this_platform() {
        assertThat(OpenSsl.unavailabilityCause()).isNull();
        assertThat(OpenSsl.isAvailable()).isTrue();
        assertThat(SslProvider.isAlpnSupported(SslProvider.OPENSSL)).isTrue();
        assertThat(SslProvider.isTlsv13Supported(SslProvider.OPENSSL)).isTrue();
    }

    @Test
    void auto_and_openssl_resolve_to_openssl_here_and_jdk_to_jdk() {
        assertThat(TlsImplementation.AUTO.sslProvider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsImplementation.AUTO.sslProviderWithAlpn()).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsImplementation.OPENSSL.sslProvider()).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsImplementation.JDK.sslProvider()).isEqualTo(SslProvider.JDK);
        assertThat(TlsImplementation.JDK.sslProviderWithAlpn()).isEqualTo(SslProvider.JDK);
    }

    @Test
    void auto_falls_back_to_the_jdk_when_openssl_does_not_load_and_says_why() {
        var decision = TlsImplementation.AUTO.decide(false, NOT_LOADED, false, false);
        assertThat(decision.provider()).isEqualTo(SslProvider.JDK);
        assertThat(decision.reason()).contains("OpenSSL unavailable", "UnsatisfiedLinkError");
    }

    @Test
    void auto_falls_back_to_the_jdk_for_alpn_when_openssl_lacks_it_but_not_otherwise() {
        assertThat(TlsImplementation.AUTO.decide(true, Optional.empty(), true, false).provider())
                .isEqualTo(SslProvider.JDK);
        assertThat(TlsImplementation.AUTO.decide(true, Optional.empty(), false, false).provider())
                .isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsImplementation.AUTO.decide(true, Optional.empty(), true, true).provider())
                .isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void configured_openssl_fails_when_it_does_not_load_rather_than_falling_back() {
        assertThatThrownBy(() -> TlsImplementation.OPENSSL.decide(false, NOT_LOADED, false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(NOT_LOADED.orElseThrow());
    }

    @Test
    void configured_openssl_fails_for_alpn_when_openssl_lacks_it() {
        assertThatThrownBy(() -> TlsImplementation.OPENSSL.decide(true, Optional.empty(), true, false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(TlsImplementation.OPENSSL.decide(true, Optional.empty(), false, false).provider())
                .isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void configured_jdk_is_used_even_where_openssl_is_available() {
        assertThat(TlsImplementation.JDK.decide(true, Optional.empty(), true, true).provider())
                .isEqualTo(SslProvider.JDK);
    }
}
