package dev.onvifcloud.uplink.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundBodyTest {

    private final List<Integer> credit = new ArrayList<>();
    private final List<String> abandoned = new ArrayList<>();
    private final InboundBody body = new InboundBody(new InboundBody.Owner() {
        @Override
        public void consumed(int flowControlledBytes) {
            credit.add(flowControlledBytes);
        }

        @Override
        public void abandoned() {
            abandoned.add("abandoned");
        }
    });

    @Test
    void returns_credit_only_once_a_chunk_was_read_including_its_padding() throws IOException {
        body.offer(new byte[]{1, 2, 3}, 10, false);
        body.offer(new byte[]{4}, 1, true);

        byte[] two = new byte[2];
        assertThat(body.read(two)).isEqualTo(2);
        assertThat(credit).isEmpty();
        assertThat(body.readAllBytes()).containsExactly(3, 4);
        assertThat(credit).containsExactly(10, 1);
        assertThat(body.read()).isEqualTo(-1);
    }

    @Test
    void closing_early_returns_buffered_credit_and_abandons_the_stream() {
        body.offer(new byte[]{1, 2, 3}, 3, false);
        body.close();

        assertThat(credit).containsExactly(3);
        assertThat(abandoned).containsExactly("abandoned");
        assertThat(body.offer(new byte[]{4}, 1, false)).isFalse();
    }

    @Test
    void closing_after_the_end_does_not_abandon() throws IOException {
        body.offer(new byte[]{1}, 1, true);
        body.readAllBytes();
        body.close();
        assertThat(abandoned).isEmpty();
    }

    @Test
    void a_reset_stream_fails_the_reader() {
        body.offer(new byte[]{1}, 1, false);
        body.fail(new IOException("stream reset by the cloud (CANCEL)"));

        assertThatThrownBy(body::read).isInstanceOf(IOException.class).hasMessageContaining("CANCEL");
    }

    @Test
    void padding_only_frames_are_credited_without_data() throws IOException {
        body.offer(new byte[0], 8, false);
        body.offer(new byte[]{7}, 1, true);
        assertThat(body.readAllBytes()).containsExactly(7);
        assertThat(credit.stream().mapToInt(Integer::intValue).sum()).isEqualTo(9);
    }
}
