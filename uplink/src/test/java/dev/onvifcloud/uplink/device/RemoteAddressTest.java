package dev.onvifcloud.uplink.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteAddressTest {

    @Test
    void parses_https_with_port_path_and_query() {
        RemoteAddress a = RemoteAddress.parse("https://cloud.example:8443/onvif/uplink?x=1");
        assertThat(a).isEqualTo(new RemoteAddress("https", "cloud.example", 8443, "/onvif/uplink?x=1"));
        assertThat(a.hostHeader()).isEqualTo("cloud.example:8443");
    }

    @Test
    void defaults_port_443_and_path_slash_and_brackets_ipv6_in_host_header() {
        RemoteAddress a = RemoteAddress.parse("https://[::1]");
        assertThat(a.host()).isEqualTo("::1");
        assertThat(a.port()).isEqualTo(443);
        assertThat(a.pathAndQuery()).isEqualTo("/");
        assertThat(a.hostHeader()).isEqualTo("[::1]");
    }

    @Test
    void rejects_other_schemes_relative_urls_and_user_info() {
        assertThatThrownBy(() -> RemoteAddress.parse("http://cloud.example/")).hasMessageContaining("https or wss");
        assertThatThrownBy(() -> RemoteAddress.parse("/uplink")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> RemoteAddress.parse("https://u:p@cloud.example/")).hasMessageContaining("user info");
    }
}
