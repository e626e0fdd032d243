package dev.onvifcloud.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UplinkTransportTest {

    private static String ioThreadName(UplinkTransport transport) throws Exception {
        return transport.threads().ioThreads().submit(() -> Thread.currentThread().getName()).get();
    }

    private static String workerThreadName(UplinkTransport transport) throws Exception {
        return transport.threads().workers().submit(() -> Thread.currentThread().getName()).get();
    }

    @Test
    void threads_are_named_after_the_transport() throws Exception {
        try (UplinkTransport transport = UplinkTransport.create("camera", 1)) {
            assertThat(ioThreadName(transport)).matches("camera-io-\\d+-\\d+");
            assertThat(workerThreadName(transport)).isEqualTo("camera-worker-1");
        }
    }

    @Test
    void a_transport_without_a_name_is_named_uplink() throws Exception {
        try (UplinkTransport transport = UplinkTransport.create(1)) {
            assertThat(ioThreadName(transport)).startsWith(UplinkTransport.DEFAULT_NAME + "-io-");
            assertThat(workerThreadName(transport)).startsWith(UplinkTransport.DEFAULT_NAME + "-worker-");
        }
    }

    @Test
    void refuses_a_name_that_would_not_make_a_plain_thread_name() {
        for (String name : new String[] {"", "-io", "two words", "a/b", "x".repeat(81)}) {
            assertThatThrownBy(() -> UplinkTransport.create(name, 1)).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name must be");
        }
    }

    @Test
    void refuses_fewer_than_one_io_thread() {
        assertThatThrownBy(() -> UplinkTransport.create("camera", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ioThreadCount must be positive");
    }
}
