package dev.onvifcloud.uplink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UplinkHeadersTest {

    @Test
    void lower_cases_names_and_finds_values_case_insensitively() {
        UplinkHeaders h = UplinkHeaders.of("Content-Type", "application/soap+xml", "X-A", "1", "x-a", "2");
        assertThat(h.fields().get(0).name()).isEqualTo("content-type");
        assertThat(h.first("CONTENT-TYPE")).contains("application/soap+xml");
        assertThat(h.all("x-a")).containsExactly("1", "2");
        assertThat(h.first("missing")).isEmpty();
    }

    @Test
    void rejects_pseudo_headers_connection_specific_fields_and_line_breaks() {
        assertThatThrownBy(() -> UplinkHeaders.of(":path", "/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UplinkHeaders.of("Connection", "close")).hasMessageContaining("connection-specific");
        assertThatThrownBy(() -> UplinkHeaders.of("x", "a\r\nb: c")).hasMessageContaining("invalid character");
    }

    @Test
    void request_and_response_records_validate() {
        assertThatThrownBy(() -> UplinkRequest.get("no-slash")).hasMessageContaining("path");
        assertThatThrownBy(() -> UplinkResponse.status(101)).hasMessageContaining("200..599");
    }
}
