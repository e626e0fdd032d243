package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.UplinkTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A low-level HTTP/2 client that chooses its stream ids itself, starting at 1 as curl does (Netty's
 * stream-channel clients start at 3 and would hide trap 1).
 */
final class Http2TestClient implements AutoCloseable {

    record Response(int streamId, String status, String body) {
    }

    final CompletableFuture<Long> goAway = new CompletableFuture<>();
    private final Map<Integer, CompletableFuture<Long>> resets = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Response>> responses = new ConcurrentHashMap<>();
    private final Map<Integer, String> statuses = new ConcurrentHashMap<>();
    private final Map<Integer, ByteArrayOutputStream> bodies = new ConcurrentHashMap<>();
    private final Channel channel;
    private final Http2ConnectionHandler handler;

    Http2TestClient(UplinkTransport transport, int port) {
        handler = new Http2ConnectionHandlerBuilder().server(false).frameListener(new Http2FrameAdapter() {
            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                                      boolean endOfStream) {
                statuses.put(streamId, String.valueOf(headers.status()));
                if (endOfStream) {
                    finish(streamId);
                }
            }

            @Override
            public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers,
                                      int streamDependency, short weight, boolean exclusive, int padding,
                                      boolean endOfStream) {
                onHeadersRead(ctx, streamId, headers, padding, endOfStream);
            }

            @Override
            public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
                                  boolean endOfStream) {
                int n = data.readableBytes();
                byte[] bytes = new byte[n];
                data.readBytes(bytes);
                bodies.computeIfAbsent(streamId, id -> new ByteArrayOutputStream()).writeBytes(bytes);
                if (endOfStream) {
                    finish(streamId);
                }
                return n + padding;
            }

            @Override
            public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
                reset(streamId).complete(errorCode);
            }

            @Override
            public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
                goAway.complete(errorCode);
            }
        }).build();
        channel = new Bootstrap().group(transport.threads().ioThreads()).channel(NioSocketChannel.class)
                .handler(handler)
                .connect("127.0.0.1", port).syncUninterruptibly().channel();
    }

    private void finish(int streamId) {
        ByteArrayOutputStream body = bodies.getOrDefault(streamId, new ByteArrayOutputStream());
        responses.computeIfAbsent(streamId, id -> new CompletableFuture<>())
                .complete(new Response(streamId, statuses.get(streamId), body.toString(StandardCharsets.UTF_8)));
    }

    /** GET {@code path} on the given stream id. */
    CompletableFuture<Response> get(int streamId, String path) {
        CompletableFuture<Response> response = responses.computeIfAbsent(streamId, id -> new CompletableFuture<>());
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = channel.pipeline().context(handler);
            handler.encoder().writeHeaders(ctx, streamId, headers(path), 0, true, ctx.newPromise());
            ctx.flush();
        });
        return response;
    }

    /** The error code of the RST_STREAM the camera sends on the stream. */
    CompletableFuture<Long> reset(int streamId) {
        return resets.computeIfAbsent(streamId, id -> new CompletableFuture<>());
    }

    /** POST {@code path} on the given stream id, declaring {@code contentLength} whatever the body's size. */
    CompletableFuture<Response> post(int streamId, String path, int contentLength, byte[] body) {
        CompletableFuture<Response> response = responses.computeIfAbsent(streamId, id -> new CompletableFuture<>());
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = channel.pipeline().context(handler);
            Http2Headers headers = headers(path).method("POST").setInt("content-length", contentLength);
            handler.encoder().writeHeaders(ctx, streamId, headers, 0, false, ctx.newPromise());
            handler.encoder().writeData(ctx, streamId, io.netty.buffer.Unpooled.wrappedBuffer(body), 0, true,
                    ctx.newPromise());
            ctx.flush();
        });
        return response;
    }

    /** Opens a stream and resets it right away, {@code count} times (rapid reset). */
    void rapidReset(int count) {
        channel.eventLoop().execute(() -> {
            ChannelHandlerContext ctx = channel.pipeline().context(handler);
            for (int i = 0, id = 1; i < count && channel.isActive(); i++, id += 2) {
                handler.encoder().writeHeaders(ctx, id, headers("/hang"), 0, false, ctx.newPromise());
                handler.encoder().writeRstStream(ctx, id, Http2Error.CANCEL.code(), ctx.newPromise());
            }
            ctx.flush();
        });
    }

    private static Http2Headers headers(String path) {
        return new DefaultHttp2Headers().method("GET").scheme("https").authority("camera").path(path);
    }

    boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
