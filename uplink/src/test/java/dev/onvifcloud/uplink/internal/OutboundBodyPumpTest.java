package dev.onvifcloud.uplink.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundBodyPumpTest {

    private static final Http2FrameStream STREAM = new Http2FrameStream() {
        @Override
        public int id() {
            return 3;
        }

        @Override
        public Http2Stream.State state() {
            return Http2Stream.State.OPEN;
        }
    };

    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
    private final List<Runnable> workerTasks = new ArrayList<>();
    private final Executor workers = workerTasks::add;
    private final List<String> outcome = new ArrayList<>();
    private final OutboundBodyPump.Listener listener = new OutboundBodyPump.Listener() {
        @Override
        public void bodySent() {
            outcome.add("sent");
        }

        @Override
        public void bodyFailed(Throwable cause) {
            outcome.add("failed: " + cause.getMessage());
        }
    };

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    private void pump(InputStream in, OptionalLong length) {
        new OutboundBodyPump(ctx, STREAM, in, length, workers, listener).start();
        channel.flush(); // start() leaves an in-memory chunk for the caller's flush, behind its HEADERS
        for (int i = 0; i < 100 && (!workerTasks.isEmpty() || channel.hasPendingTasks()); i++) {
            List<Runnable> tasks = new ArrayList<>(workerTasks);
            workerTasks.clear();
            tasks.forEach(Runnable::run);
            channel.runPendingTasks();
        }
    }

    private List<Http2DataFrame> frames() {
        List<Http2DataFrame> frames = new ArrayList<>();
        for (Object o; (o = channel.readOutbound()) != null; ) {
            frames.add((Http2DataFrame) o);
        }
        return frames;
    }

    @Test
    void an_in_memory_body_is_read_on_the_event_loop_into_a_buffer_of_its_size() {
        pump(new ByteArrayInputStream(new byte[200]), OptionalLong.of(200));

        assertThat(workerTasks).isEmpty();
        List<Http2DataFrame> frames = frames();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).content().readableBytes()).isEqualTo(200);
        assertThat(frames.get(0).content().capacity()).isEqualTo(200);
        assertThat(frames.get(0).isEndStream()).isTrue();
        frames.forEach(Http2DataFrame::release);
        assertThat(outcome).containsExactly("sent");
    }

    @Test
    void a_source_longer_than_its_declared_length_still_fails() {
        pump(new ByteArrayInputStream(new byte[300]), OptionalLong.of(200));
        frames().forEach(Http2DataFrame::release);

        assertThat(outcome).containsExactly("failed: body longer than its declared length 200");
    }

    @Test
    void a_stream_of_unknown_length_is_read_by_workers_in_chunks_until_its_end() {
        pump(new FilterInputStream(new ByteArrayInputStream(new byte[OutboundBodyPump.CHUNK_SIZE + 10])) { },
                OptionalLong.empty());

        List<Http2DataFrame> frames = frames();
        assertThat(frames).extracting(f -> f.content().readableBytes())
                .containsExactly(OutboundBodyPump.CHUNK_SIZE, 10, 0);
        assertThat(frames.get(2).isEndStream()).isTrue();
        frames.forEach(Http2DataFrame::release);
        assertThat(outcome).containsExactly("sent");
    }
}
