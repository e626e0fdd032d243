package dev.onvifcloud.uplink.internal;

import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Converts between our request/response records and HTTP/2 header blocks. */
public final class Http2Messages {

    /**
     * Bodies with a declared {@code content-length} up to this size are collected in memory on the
     * network thread and handed over complete, so that a small message costs no blocking read, no
     * wake-up and no credit round trip between threads. Well below the smallest stream window (65,535),
     * so the peer can always send such a body in full without waiting for credit; bounded in total by
     * the concurrent-stream limit.
     */
    public static final int IN_MEMORY_BODY_LIMIT = 16 * 1024;

    private Http2Messages() {
    }

    /**
     * The declared length of a body that follows this header block and is small enough to collect
     * in memory ({@link #IN_MEMORY_BODY_LIMIT}); -1 when the body is absent, of unknown length or larger.
     */
    public static int collectableLength(Http2Headers h, boolean endOfStream) {
        if (endOfStream) {
            return -1;
        }
        CharSequence value = h.get("content-length");
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.toString().trim());
            return length > 0 && length <= IN_MEMORY_BODY_LIMIT ? (int) length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static Http2Headers requestHeaders(UplinkRequest request) {
        Http2Headers h = new DefaultHttp2Headers()
                .method(request.method())
                .scheme("https")
                .path(request.path());
        request.authority().ifPresent(h::authority);
        addFields(h, request.headers(), request.body());
        return h;
    }

    public static Http2Headers responseHeaders(UplinkResponse response) {
        Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(response.status()));
        addFields(h, response.headers(), response.body());
        return h;
    }

    private static void addFields(Http2Headers h, UplinkHeaders headers, UplinkBody body) {
        for (UplinkHeaders.Field f : headers.fields()) {
            h.add(f.name(), f.value());
        }
        if (body.length().isPresent() && !h.contains("content-length")) {
            h.setLong("content-length", body.length().getAsLong());
        }
    }

    /** Regular (non-pseudo) fields of a received header block. */
    public static UplinkHeaders fields(Http2Headers h) {
        List<UplinkHeaders.Field> list = new ArrayList<>(h.size());
        for (Map.Entry<CharSequence, CharSequence> e : h) {
            CharSequence name = e.getKey();
            if (name.length() > 0 && name.charAt(0) != ':') {
                list.add(new UplinkHeaders.Field(name.toString(), e.getValue().toString()));
            }
        }
        return new UplinkHeaders(list);
    }

    /** Parses a received request header block; throws IllegalArgumentException when malformed. */
    public static UplinkRequest request(Http2Headers h, InputStream body, boolean endOfStream) {
        CharSequence method = h.method();
        CharSequence path = h.path();
        if (method == null || path == null) {
            throw new IllegalArgumentException("request lacks :method or :path");
        }
        UplinkHeaders fields = fields(h);
        return new UplinkRequest(method.toString(), path.toString(),
                Optional.ofNullable(h.authority()).map(CharSequence::toString), fields,
                body(fields, body, endOfStream));
    }

    /** Parses a received final response header block; throws IllegalArgumentException when malformed. */
    public static UplinkResponse response(Http2Headers h, InputStream body, boolean endOfStream) {
        int status = status(h);
        UplinkHeaders fields = fields(h);
        return new UplinkResponse(status, fields, body(fields, body, endOfStream));
    }

    public static int status(Http2Headers h) {
        CharSequence status = h.status();
        if (status == null) {
            throw new IllegalArgumentException("response lacks :status");
        }
        try {
            return Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed :status " + status);
        }
    }

    private static UplinkBody body(UplinkHeaders fields, InputStream body, boolean endOfStream) {
        if (endOfStream) {
            return UplinkBody.empty();
        }
        OptionalLong length = contentLength(fields);
        return length.isPresent() ? UplinkBody.of(body, length.getAsLong()) : UplinkBody.of(body);
    }

    private static OptionalLong contentLength(UplinkHeaders fields) {
        Optional<String> value = fields.first("content-length");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long length = Long.parseLong(value.get().trim());
            return length >= 0 ? OptionalLong.of(length) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
