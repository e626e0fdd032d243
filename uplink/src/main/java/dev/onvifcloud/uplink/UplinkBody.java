package dev.onvifcloud.uplink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of a tunneled request or response: a stream that can be read once.
 *
 * <p>Bodies are streamed, never aggregated: an outgoing body is read chunk by chunk as the peer's
 * HTTP/2 flow-control window allows; an incoming body is delivered while it arrives, and flow-control
 * credit is returned to the peer only as the stream is read. A receiver must therefore read an incoming
 * body to its end or {@linkplain InputStream#close() close} it (closing early cancels the stream).
 * Reading blocks: never read a body on a thread that the tunnel's network I/O runs on.
 */
public final class UplinkBody {

    private static final UplinkBody EMPTY = new UplinkBody(InputStream.nullInputStream(), OptionalLong.of(0));

    private final InputStream stream;
    private final OptionalLong length;
    private final AtomicBoolean taken = new AtomicBoolean();

    private UplinkBody(InputStream stream, OptionalLong length) {
        this.stream = stream;
        this.length = length;
    }

    public static UplinkBody empty() {
        return EMPTY;
    }

    /** A body of the given bytes; the array is not copied and must not change afterwards. */
    public static UplinkBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new UplinkBody(new ByteArrayInputStream(bytes), OptionalLong.of(bytes.length));
    }

    public static UplinkBody utf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body read from a stream of unknown length; the stream is closed after its end was read. */
    public static UplinkBody of(InputStream stream) {
        return new UplinkBody(Objects.requireNonNull(stream, "stream"), OptionalLong.empty());
    }

    /** A body read from a stream that yields exactly {@code length} bytes. */
    public static UplinkBody of(InputStream stream, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        return new UplinkBody(Objects.requireNonNull(stream, "stream"), OptionalLong.of(length));
    }

    /** The length when known in advance (for example from {@code content-length}). */
    public OptionalLong length() {
        return length;
    }

    /** True when the body is known to be empty. */
    public boolean isEmpty() {
        return length.isPresent() && length.getAsLong() == 0;
    }

    /** The body's stream; can be taken once (the empty body excepted). */
    public InputStream stream() {
        if (this == EMPTY) {
            return InputStream.nullInputStream();
        }
        if (!taken.compareAndSet(false, true)) {
            throw new IllegalStateException("the body stream was already taken");
        }
        return stream;
    }

    /** Reads the whole body into memory (blocking). */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = stream()) {
            return in.readAllBytes();
        }
    }

    /** Reads the whole body as UTF-8 text (blocking); I/O failures become {@link UncheckedIOException}. */
    public String readUtf8() {
        try {
            return new String(readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "UplinkBody[length=" + (length.isPresent() ? String.valueOf(length.getAsLong()) : "unknown") + "]";
    }
}
