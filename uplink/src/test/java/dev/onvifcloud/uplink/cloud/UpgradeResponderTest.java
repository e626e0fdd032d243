package dev.onvifcloud.uplink.cloud;

import dev.onvifcloud.uplink.UplinkLimits;
import dev.onvifcloud.uplink.cloud.AuthenticationResult.Rejection;
import dev.onvifcloud.uplink.internal.Http2Codecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UpgradeResponderTest {

    private static final String SWITCHING = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Connection: Upgrade\r\n"
            + "Upgrade: h2c-reverse\r\n"
            + "\r\n";
    private static final String CLIENT_MAGIC = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

    private final List<CameraIdentity> started = new ArrayList<>();

    private final UplinkAuthenticator tokens = UplinkAuthenticator.accessTokens(token -> switch (token) {
        case "good" -> AuthenticationResult.accepted("camera-1");
        case "old" -> AuthenticationResult.rejected(Rejection.EXPIRED_TOKEN);
        case "banned" -> AuthenticationResult.rejected(Rejection.FORBIDDEN);
        default -> AuthenticationResult.rejected(Rejection.INVALID_TOKEN);
    });

    private EmbeddedChannel cloud() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("http-decoder", new HttpRequestDecoder())
                .addLast("http-encoder", new HttpResponseEncoder())
                .addLast("upgrade", new UpgradeResponder("/uplink", tokens, Duration.ofSeconds(10),
                        (ctx, after, identity) -> {
                            ctx.pipeline().addAfter(after, "h2", Http2Codecs.cloud(UplinkLimits.defaults()));
                            started.add(identity);
                        }));
        return ch;
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        String text = new String(ByteBufUtil.getBytes(all), StandardCharsets.ISO_8859_1);
        all.release();
        return text;
    }

    private static String upgrade(String path, String authorization) {
        return "GET " + path + " HTTP/1.1\r\nHost: cloud.example\r\nConnection: Upgrade\r\nUpgrade: h2c-reverse\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
    }

    @Test
    void answers_a_valid_upgrade_with_the_exact_101_then_the_http2_client_preface() {
        EmbeddedChannel ch = cloud();

        String out = exchange(ch, upgrade("/uplink", "Bearer good"));

        assertThat(out).startsWith(SWITCHING + CLIENT_MAGIC);
        assertThat(started).containsExactly(new CameraIdentity("camera-1"));
        assertThat(ch.pipeline().names()).contains("h2").doesNotContain("http-decoder", "http-encoder", "upgrade");
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void answers_a_websocket_handshake_with_the_exact_101_and_subprotocol() {
        EmbeddedChannel ch = cloud();

        String out = exchange(ch, "GET /uplink?access_token=good HTTP/1.1\r\nHost: cloud.example\r\n"
                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: h2c-reverse\r\n\r\n");

        assertThat(out).startsWith("HTTP/1.1 101 Switching Protocols\r\n"
                + "Connection: Upgrade\r\n"
                + "Upgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Protocol: h2c-reverse\r\n"
                + "\r\n");
        // then the HTTP/2 client preface, inside an unmasked binary message
        byte[] rest = out.substring(out.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rest[0]).isEqualTo((byte) 0x82);
        assertThat(rest[1] & 0x80).isZero();
        assertThat(out).contains(CLIENT_MAGIC);
        assertThat(ch.pipeline().names()).contains("ws-decoder", "ws-binary", "h2");
        ch.finishAndReleaseAll();
    }

    @Test
    void websocket_handshake_without_the_h2c_reverse_subprotocol_gets_400() {
        EmbeddedChannel ch = cloud();
        assertThat(exchange(ch, "GET /uplink?access_token=good HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n");
    }

    @Test
    void accepts_the_token_as_access_token_query_parameter() {
        EmbeddedChannel ch = cloud();

        assertThat(exchange(ch, upgrade("/uplink?access_token=good", null))).startsWith(SWITCHING);
        ch.finishAndReleaseAll();
    }

    @Test
    void missing_token_gets_401_with_bearer_challenge_and_close() {
        EmbeddedChannel ch = cloud();

        String out = exchange(ch, upgrade("/uplink", null));

        assertThat(out).startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("WWW-Authenticate: Bearer realm=\"onvif-uplink\"\r\n")
                .doesNotContain("error=");
        assertThat(ch.isOpen()).isFalse();
        assertThat(started).isEmpty();
    }

    @Test
    void invalid_and_expired_tokens_get_401_invalid_token() {
        EmbeddedChannel invalid = cloud();
        assertThat(exchange(invalid, upgrade("/uplink", "Bearer forged")))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("error=\"invalid_token\"");
        assertThat(invalid.isOpen()).isFalse();

        EmbeddedChannel expired = cloud();
        assertThat(exchange(expired, upgrade("/uplink", "Bearer old")))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("error=\"invalid_token\"", "expired");
        assertThat(expired.isOpen()).isFalse();
    }

    @Test
    void forbidden_camera_gets_403() {
        EmbeddedChannel ch = cloud();
        assertThat(exchange(ch, upgrade("/uplink", "Bearer banned"))).startsWith("HTTP/1.1 403 Forbidden\r\n");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void wrong_path_gets_404() {
        EmbeddedChannel ch = cloud();
        assertThat(exchange(ch, upgrade("/other", "Bearer good"))).startsWith("HTTP/1.1 404 Not Found\r\n");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void plain_request_without_upgrade_gets_426() {
        EmbeddedChannel ch = cloud();
        String out = exchange(ch, "GET /uplink HTTP/1.1\r\nHost: cloud.example\r\nAuthorization: Bearer good\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 426 Upgrade Required\r\n").contains("Upgrade: h2c-reverse\r\n");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void upgrade_to_another_protocol_gets_426() {
        EmbeddedChannel ch = cloud();
        String out = exchange(ch, "GET /uplink HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
        assertThat(out).startsWith("HTTP/1.1 426 Upgrade Required\r\n");
    }

    @Test
    void post_gets_405_and_a_body_or_garbage_gets_400() {
        EmbeddedChannel post = cloud();
        assertThat(exchange(post, "POST /uplink HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: h2c-reverse\r\n"
                + "Content-Length: 0\r\n\r\n")).startsWith("HTTP/1.1 405 Method Not Allowed\r\n");

        EmbeddedChannel body = cloud();
        assertThat(exchange(body, "GET /uplink HTTP/1.1\r\nHost: c\r\nConnection: Upgrade\r\nUpgrade: h2c-reverse\r\n"
                + "Content-Length: 3\r\n\r\nabc")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(body.isOpen()).isFalse();

        EmbeddedChannel garbage = cloud();
        assertThat(exchange(garbage, "\u0001\u0002 nonsense\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(garbage.isOpen()).isFalse();
    }

    @Test
    void two_tokens_at_once_get_400() {
        EmbeddedChannel ch = cloud();
        assertThat(exchange(ch, upgrade("/uplink?access_token=good", "Bearer good")))
                .startsWith("HTTP/1.1 400 Bad Request\r\n").contains("invalid_request");
    }

    @Test
    void idle_connection_without_request_is_closed_after_the_upgrade_timeout() {
        EmbeddedChannel ch = cloud();
        ch.advanceTimeBy(11, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void incomplete_request_is_closed_after_the_upgrade_timeout() {
        EmbeddedChannel ch = cloud();
        exchange(ch, "GET /uplink HTTP/1.1\r\nHost: c\r\n");
        ch.advanceTimeBy(11, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
    }
}
