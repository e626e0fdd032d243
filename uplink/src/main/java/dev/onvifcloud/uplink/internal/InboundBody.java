package dev.onvifcloud.uplink.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * An incoming HTTP/2 body as an {@link InputStream}. The network thread {@linkplain #offer offers}
 * DATA payloads; a worker thread reads them. Flow-control credit for a chunk goes back to the peer
 * only once the reader has consumed that chunk, so the peer can never have more in flight than the
 * stream's window: the buffer here is bounded by HTTP/2 flow control, not by a limit of its own.
 */
public final class InboundBody extends InputStream {

    /** Callbacks into the stream's owner; both may be called from any thread. */
    public interface Owner {
        /** Return flow-control credit for consumed bytes. */
        void consumed(int flowControlledBytes);

        /** The reader closed the stream before its end: cancel the HTTP/2 stream. */
        void abandoned();
    }

    private record Chunk(byte[] bytes, int flowControlledBytes) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final Owner owner;
    private int position;
    private boolean ended;
    private boolean closed;
    private IOException failure;

    public InboundBody(Owner owner) {
        this.owner = owner;
    }

    /** A body that is already complete and empty. */
    public static InboundBody ended(Owner owner) {
        InboundBody body = new InboundBody(owner);
        body.ended = true;
        return body;
    }

    // ---- producer side (network thread) ----

    /** Adds a DATA payload; returns false if the reader is gone (the caller returns the credit). */
    public boolean offer(byte[] bytes, int flowControlledBytes, boolean endOfStream) {
        lock.lock();
        try {
            if (closed || failure != null) {
                return false;
            }
            if (bytes.length > 0 || flowControlledBytes > 0) {
                chunks.add(new Chunk(bytes, flowControlledBytes));
            }
            if (endOfStream) {
                ended = true;
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The stream failed (reset, connection lost) before its end: readers get {@code failure}. */
    public void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = cause;
                chunks.clear();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isEnded() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    // ---- consumer side (worker thread) ----

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int credit = 0;
        int n;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("body stream closed");
                }
                // skip chunks that carried only padding
                while (!chunks.isEmpty() && chunks.peek().bytes().length == 0) {
                    credit += chunks.poll().flowControlledBytes();
                }
                if (!chunks.isEmpty()) {
                    break;
                }
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                if (ended) {
                    n = -1;
                    return n;
                }
                if (credit > 0) {
                    // hand back padding credit before waiting
                    int c = credit;
                    credit = 0;
                    lock.unlock();
                    try {
                        owner.consumed(c);
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                changed.awaitUninterruptibly();
            }
            Chunk head = chunks.peek();
            n = Math.min(len, head.bytes().length - position);
            System.arraycopy(head.bytes(), position, b, off, n);
            position += n;
            if (position == head.bytes().length) {
                chunks.poll();
                position = 0;
                credit += head.flowControlledBytes();
            }
        } finally {
            lock.unlock();
            if (credit > 0) {
                owner.consumed(credit);
            }
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return chunks.isEmpty() ? 0 : chunks.peek().bytes().length - position;
        } finally {
            lock.unlock();
        }
    }

    /** Closing before the end cancels the stream; buffered credit is returned. */
    @Override
    public void close() {
        int credit = 0;
        boolean abandon;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abandon = !ended && failure == null;
            for (Chunk c : chunks) {
                credit += c.flowControlledBytes();
            }
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (credit > 0) {
            owner.consumed(credit);
        }
        if (abandon) {
            owner.abandoned();
        }
    }
}
