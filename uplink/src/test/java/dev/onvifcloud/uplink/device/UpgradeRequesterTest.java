package dev.onvifcloud.uplink.device;

import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.internal.Http2Codecs;
import dev.onvifcloud.uplink.internal.ReverseHttp2ServerHandler;
import dev.onvifcloud.uplink.internal.TunnelObserver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeRequesterTest {

    private static final byte[] CLIENT_MAGIC = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final byte[] SETTINGS_ACK = {0, 0, 0, 4, 1, 0, 0, 0, 0};

    private final List<String> events = new ArrayList<>();
    private final TunnelObserver observer = new TunnelObserver() {
        @Override
        public void upgraded() {
            events.add("upgraded");
        }

        @Override
        public void problem(String reason) {
            events.add("problem: " + reason);
        }
    };

    private EmbeddedChannel camera(RemoteAddress address, Optional<String> token) {
        return camera(address, token, Optional.empty());
    }

    private EmbeddedChannel camera(RemoteAddress address, Optional<String> token, Optional<String> webSocketKey) {
        EmbeddedChannel ch = new EmbeddedChannel();
        UpgradeRequester requester = new UpgradeRequester(address, token, webSocketKey, (pipeline, after) -> {
            pipeline.addAfter(after, "h2", Http2Codecs.camera(UplinkLimits.defaults()));
            pipeline.addAfter("h2", "requests", new ReverseHttp2ServerHandler(
                    (request, level) -> CompletableFuture.completedFuture(UplinkResponse.status(204)),
                    UserLevel.Operator, Runnable::run, observer, UplinkLimits.defaults().connectionWindow()));
        }, observer, Duration.ofSeconds(5));
        ch.pipeline().addLast("http-encoder", new HttpRequestEncoder())
                .addLast("http-decoder", new HttpResponseDecoder())
                .addLast("upgrade", requester);
        return ch;
    }

    private static byte[] outbound(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(all);
        all.release();
        return bytes;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writes_the_exact_upgrade_request_with_bearer_token() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("https://cloud.example:8443/onvif/uplink?site=7"),
                Optional.of("eyJ.abc-_~+/="));

        assertThat(ascii(outbound(ch))).isEqualTo("GET /onvif/uplink?site=7 HTTP/1.1\r\n"
                + "Host: cloud.example:8443\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: h2c-reverse\r\n"
                + "Authorization: Bearer eyJ.abc-_~+/=\r\n"
                + "\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void writes_no_authorization_for_mtls_and_omits_default_port() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("https://[::1]/uplink"), Optional.empty());

        assertThat(ascii(outbound(ch))).isEqualTo("GET /uplink HTTP/1.1\r\n"
                + "Host: [::1]\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: h2c-reverse\r\n"
                + "\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void switches_to_http2_server_role_and_hands_bytes_after_the_101_to_the_http2_codec() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("https://cloud.example/uplink"), Optional.empty());
        outbound(ch);

        // the 101 and the cloud's HTTP/2 client preface arrive in one read
        ByteBuf in = Unpooled.buffer();
        in.writeBytes("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c-reverse\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        in.writeBytes(CLIENT_MAGIC);
        in.writeBytes(EMPTY_SETTINGS);
        ch.writeInbound(in);
        ch.runPendingTasks();

        assertThat(events).containsExactly("upgraded");
        assertThat(ch.pipeline().names()).contains("h2", "requests")
                .doesNotContain("http-encoder", "http-decoder", "upgrade");
        byte[] out = outbound(ch);
        // server preface: a SETTINGS frame first (type 4, no flags, stream 0) ...
        assertThat(out[3]).isEqualTo((byte) 4);
        assertThat(out[4]).isEqualTo((byte) 0);
        // ... and an ACK of the cloud's SETTINGS, which proves the bytes after the 101 reached the codec
        assertThat(indexOf(out, SETTINGS_ACK)).isPositive();
        ch.finishAndReleaseAll();
    }

    @Test
    void writes_the_exact_websocket_handshake_with_the_token_as_query_parameter() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("wss://cloud.example/uplink?site=7"), Optional.of("abc.def"),
                Optional.of("dGhlIHNhbXBsZSBub25jZQ=="));

        assertThat(ascii(outbound(ch))).isEqualTo("GET /uplink?site=7&access_token=abc.def HTTP/1.1\r\n"
                + "Host: cloud.example\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: h2c-reverse\r\n"
                + "\r\n");
        ch.finishAndReleaseAll();
    }

    @Test
    void websocket_switch_unwraps_binary_messages_into_the_http2_codec() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("wss://cloud.example/uplink"), Optional.empty(),
                Optional.of("dGhlIHNhbXBsZSBub25jZQ=="));
        outbound(ch);

        ByteBuf in = Unpooled.buffer();
        // RFC 6455 section 1.3's example key and accept value
        in.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: h2c-reverse\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] preface = new byte[CLIENT_MAGIC.length + EMPTY_SETTINGS.length];
        System.arraycopy(CLIENT_MAGIC, 0, preface, 0, CLIENT_MAGIC.length);
        System.arraycopy(EMPTY_SETTINGS, 0, preface, CLIENT_MAGIC.length, EMPTY_SETTINGS.length);
        in.writeByte(0x82); // FIN, binary, unmasked (server to client)
        in.writeByte(preface.length);
        in.writeBytes(preface);
        ch.writeInbound(in);
        ch.runPendingTasks();

        assertThat(events).containsExactly("upgraded");
        assertThat(ch.pipeline().names()).contains("ws-decoder", "ws-encoder", "ws-binary", "h2", "requests");
        byte[] out = outbound(ch);
        assertThat(out[0]).isEqualTo((byte) 0x82);            // a binary message ...
        assertThat(out[1] & 0x80).isEqualTo(0x80);             // ... masked, as from a client
    }

    @Test
    void websocket_handshake_with_a_wrong_accept_value_is_refused() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("wss://cloud.example/uplink"), Optional.empty(),
                Optional.of("dGhlIHNhbXBsZSBub25jZQ=="));
        outbound(ch);
        ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: bm9wZQ==\r\nSec-WebSocket-Protocol: h2c-reverse\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertThat(events).containsExactly("problem: WebSocket handshake failed: wrong Sec-WebSocket-Accept");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void refused_upgrade_closes_with_the_status_as_reason() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("https://cloud.example/uplink"), Optional.of("t"));
        outbound(ch);

        ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\n"
                + "Content-Length: 0\r\n\r\n", StandardCharsets.US_ASCII));

        assertThat(events).containsExactly("problem: upgrade refused by the cloud: HTTP 401 Unauthorized");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void no_answer_within_the_timeout_closes() {
        EmbeddedChannel ch = camera(RemoteAddress.parse("https://cloud.example/uplink"), Optional.empty());
        outbound(ch);

        ch.advanceTimeBy(6, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();

        assertThat(events).singleElement().asString().startsWith("problem: no upgrade within");
        assertThat(ch.isOpen()).isFalse();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
