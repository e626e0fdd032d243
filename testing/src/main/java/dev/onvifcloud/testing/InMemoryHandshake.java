package dev.onvifcloud.testing;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A full TLS handshake between a client and a server {@link SSLEngine} in memory, without sockets: each engine's
 * records go into a buffer the other reads. Works with the JDK's engines and with Netty's OpenSSL ones (which the
 * caller releases). For tests that look at what a handshake decided, and for benchmarks that measure its CPU.
 */
public final class InMemoryHandshake {

    private static final int ROUNDS = 1000;
    private static final int STEPS_PER_ROUND = 100;

    private InMemoryHandshake() {
    }

    /**
     * Begins and completes the handshake of {@code client} with {@code server}.
     *
     * @throws SSLException if either engine refuses the other, or the handshake does not finish
     */
    public static void complete(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
        ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
        ByteBuffer application = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize()) * 2);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < ROUNDS; round++) {
            boolean clientDone = step(client, toClient, toServer, application);
            boolean serverDone = step(server, toServer, toClient, application);
            if (clientDone && serverDone) {
                return;
            }
        }
        throw new SSLException("the handshake did not finish");
    }

    /** Runs one engine's pending work (tasks, wraps into {@code out}, unwraps from {@code in}); true when done. */
    private static boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer application)
            throws SSLException {
        for (int guard = 0; guard < STEPS_PER_ROUND; guard++) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    SSLEngineResult result = engine.unwrap(in, application);
                    in.compact();
                    application.clear();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || (result.bytesConsumed() == 0
                            && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP)) {
                        return false; // waits for the peer
                    }
                }
                default -> {
                    return true; // FINISHED or NOT_HANDSHAKING
                }
            }
        }
        return false;
    }
}
