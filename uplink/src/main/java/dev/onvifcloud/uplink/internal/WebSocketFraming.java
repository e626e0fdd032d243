package dev.onvifcloud.uplink.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * h2c-reverse over WebSocket (Uplink specification, "WebSocket h2c-reverse"; RFC 6455): after the
 * WebSocket handshake with subprotocol {@code h2c-reverse}, the HTTP/2 byte stream travels in binary
 * messages. The HTTP/2 codec sits on top of {@link BinaryAdapter}, which unwraps binary (and
 * continuation) frames into bytes and wraps each write into one binary frame.
 */
public final class WebSocketFraming {

    public static final String SUBPROTOCOL = "h2c-reverse";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_FRAME_PAYLOAD = 1024 * 1024;

    private WebSocketFraming() {
    }

    /** {@code Sec-WebSocket-Accept} for a {@code Sec-WebSocket-Key} (RFC 6455 section 4.2.2). */
    public static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    }

    /** True if {@code key} is base64 of 16 bytes, as RFC 6455 requires. */
    public static boolean isValidKey(String key) {
        try {
            return key != null && Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Puts WebSocket framing after the handler named {@code after}; returns the name after which the
     * HTTP/2 codec goes. Clients (cameras) mask what they send, servers (clouds) expect masked frames.
     */
    public static String install(ChannelPipeline pipeline, String after, boolean client) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(!client)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .closeOnProtocolViolation(true)
                .build();
        pipeline.addAfter(after, "ws-decoder", new WebSocket13FrameDecoder(config));
        pipeline.addAfter("ws-decoder", "ws-encoder", new WebSocket13FrameEncoder(client));
        pipeline.addAfter("ws-encoder", "ws-binary", new BinaryAdapter());
        return "ws-binary";
    }

    /** Binary messages in, bytes out; bytes in, binary messages out; answers pings and closes. */
    static final class BinaryAdapter extends ChannelDuplexHandler {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                ctx.fireChannelRead(((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg).content());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                close.release();
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (msg instanceof PongWebSocketFrame) {
                ReferenceCountUtil.release(msg);
            } else {
                // text messages have no place in h2c-reverse
                ReferenceCountUtil.release(msg);
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof ByteBuf bytes) {
                if (bytes.isReadable()) {
                    ctx.write(new BinaryWebSocketFrame(bytes), promise);
                } else {
                    bytes.release();
                    ctx.write(Unpooled.EMPTY_BUFFER, promise);
                }
            } else {
                ctx.write(msg, promise);
            }
        }
    }
}
