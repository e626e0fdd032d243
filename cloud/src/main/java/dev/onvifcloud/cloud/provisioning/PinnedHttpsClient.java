package dev.onvifcloud.cloud.provisioning;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS {@code POST}s of JSON bodies over HTTP/1.1 to the address an {@link OutboundAddressPolicy} pinned: the
 * socket connects to {@link PinnedAddress#socketAddress()}, never to a second lookup of the name, while SNI and the
 * certificate's name check use the URI's host.
 *
 * <p>Not {@code java.net.http.HttpClient}: it always resolves the host itself, so it cannot be held to the address
 * that was checked (DNS rebinding). Bounded: the connect timeout, then one deadline for handshake, request and
 * response; a response head of at most {@value #MAX_HEAD_BYTES} bytes and at most {@code maxResponseBytes} of body
 * (by {@code Content-Length}, chunked, or up to the end of the connection).
 *
 * <p><b>Keep-alive</b> ({@link KeepAlive}). A connection whose final answer was read to its end (a
 * {@code Content-Length} or chunked body within {@code maxResponseBytes}, or none for 204 and 304) and whose server
 * did not say {@code Connection: close} is kept idle for a later request to the same pinned socket address
 * <em>and</em> the same URI host, what it was connected and verified for: a pinned address never gets a connection
 * made for another address or name. A body cut short, a timeout or any error closes the connection. A request on an
 * idle connection that fails before any byte of an answer (the server closed it meanwhile) is sent once more on a
 * new connection, within the first one's deadline: use this client only for requests the receiver may get twice.
 *
 * <p>Thread-safe: a request has its connection to itself. {@link #close()} closes the idle connections, and those
 * in use as their requests end; the client can still be used afterwards.
 */
public final class PinnedHttpsClient implements AutoCloseable {

    /** The largest response head (status line and headers) read. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.([01]) ([1-5][0-9][0-9])(?: .*)?");
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final int MAX_TRAILER_LINES = 16;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final KeepAlive keepAlive;
    /** The idle connections, most recently used last; guards itself and {@link #generation}. */
    private final Map<Target, ArrayDeque<Connection>> idle = new HashMap<>();
    /** Counts {@link #close()}s: a connection made before the last one is not kept. */
    private long generation;

    /**
     * A client with {@link KeepAlive#DEFAULT}.
     *
     * @param tls the trust anchors to verify the server with (see {@link #trusting(List)})
     * @param connectTimeout for the TCP connection
     * @param requestTimeout from the connection (or, on a kept one, the request) to the end of the response
     * @param maxResponseBytes the most of a body read; the rest is left unread (and the connection closed)
     */
    public PinnedHttpsClient(SSLContext tls, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {
        this(tls, connectTimeout, requestTimeout, maxResponseBytes, KeepAlive.DEFAULT);
    }

    /** A client keeping connections as {@code keepAlive} says; the other parameters as above. */
    public PinnedHttpsClient(SSLContext tls, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes,
            KeepAlive keepAlive) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative");
        }
        this.maxResponseBytes = maxResponseBytes;
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
    }

    /**
     * A TLS context that trusts exactly {@code anchors}, or the JDK's trust anchors when the list is empty.
     *
     * @throws GeneralSecurityException or {@link IOException} when a certificate cannot be used
     */
    public static SSLContext trusting(List<X509Certificate> anchors) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (anchors.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            factory.init(store);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /**
     * Which connections are kept for later requests.
     *
     * @param maxIdlePerTarget idle connections kept per pinned socket address and URI host; 0: a new connection for
     *     each request, sent with {@code Connection: close}
     * @param idleTimeout a connection idle this long or longer is closed, not used again
     * @param clock measures idle time
     */
    public record KeepAlive(int maxIdlePerTarget, Duration idleTimeout, Clock clock) {

        /** Up to 8 idle connections per target, for less than 30 s (our own API server closes them after 60 s). */
        public static final KeepAlive DEFAULT = new KeepAlive(8, Duration.ofSeconds(30), Clock.systemUTC());
        /** A new connection for each request, closed after it. */
        public static final KeepAlive NONE = new KeepAlive(0, Duration.ofSeconds(30), Clock.systemUTC());

        public KeepAlive {
            if (maxIdlePerTarget < 0) {
                throw new IllegalArgumentException("maxIdlePerTarget must not be negative");
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            Objects.requireNonNull(clock, "clock");
        }

        /** The same with another {@link #maxIdlePerTarget()}. */
        public KeepAlive withMaxIdlePerTarget(int value) {
            return new KeepAlive(value, idleTimeout, clock);
        }
    }

    /** Why a request had no final answer. */
    public enum Failure {
        /** No TCP connection within the connect timeout. */
        CONNECT_TIMED_OUT,
        /** The TCP connection was refused. */
        CONNECT_FAILED,
        /** The URI's host cannot be sent as SNI. */
        HOST_NOT_USABLE,
        /** The TLS handshake failed: certificate not trusted, name mismatch, no common protocol. */
        TLS_FAILED,
        /** The handshake or the exchange did not finish within the request timeout. */
        TIMED_OUT,
        /** The connection failed otherwise, or after it was established. */
        CONNECTION_LOST,
        /** The answer was not HTTP/1.x, or its head was larger than we read. */
        BAD_RESPONSE
    }

    /** What one request came to: {@link Answered} or {@link Failed}. */
    public sealed interface Outcome permits Answered, Failed {
    }

    /**
     * A final (non-1xx) status.
     *
     * @param body what was read of the body, at most {@code maxResponseBytes}; cut short when it trickled or broke
     */
    public record Answered(int status, byte[] body) implements Outcome {

        public Answered {
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * No final status.
     *
     * @param detail for logs: an exception's class name or what was wrong, never a body
     */
    public record Failed(Failure failure, String detail) implements Outcome {

        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * {@code POST}s {@code json} to the pinned URI, on an idle connection to the same address and host when there is
     * one; never throws for what the network or the peer does.
     */
    public Outcome postJson(PinnedAddress target, byte[] json) {
        URI uri = target.uri();
        String host = bare(uri.getHost());
        Target key = new Target(target.socketAddress(), host.toLowerCase(Locale.ROOT));
        byte[] request = request(uri, json);
        Optional<Connection> kept = takeIdle(key);
        if (kept.isPresent()) {
            long deadline = System.nanoTime() + requestTimeout.toNanos();
            Optional<Outcome> outcome = exchange(kept.get(), request, deadline, true);
            if (outcome.isPresent()) {
                return outcome.get();
            }
            return onNewConnection(target, key, host, request, OptionalLong.of(deadline)); // it was stale: once more
        }
        return onNewConnection(target, key, host, request, OptionalLong.empty());
    }

    /** Closes the idle connections, and those in use as their requests end. */
    @Override
    public void close() {
        List<Connection> closing = new ArrayList<>();
        synchronized (idle) {
            generation++;
            idle.values().forEach(closing::addAll);
            idle.clear();
        }
        closing.forEach(Connection::close);
    }

    private Outcome onNewConnection(PinnedAddress target, Target key, String host, byte[] request,
            OptionalLong firstDeadline) {
        Socket plain = new Socket();
        try {
            plain.connect(target.socketAddress(), Math.toIntExact(connectTimeout.toMillis()));
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            return new Failed(Failure.CONNECT_TIMED_OUT, e.getClass().getSimpleName());
        } catch (ConnectException e) {
            closeQuietly(plain);
            return new Failed(Failure.CONNECT_FAILED, e.getClass().getSimpleName());
        } catch (IOException e) {
            closeQuietly(plain);
            return new Failed(Failure.CONNECTION_LOST, e.getClass().getSimpleName());
        }
        long deadline = firstDeadline.orElseGet(() -> System.nanoTime() + requestTimeout.toNanos());
        SSLSocket socket;
        try {
            socket = handshake(plain, host, target.port(), deadline);
        } catch (SocketTimeoutException e) {
            closeQuietly(plain);
            return new Failed(Failure.TIMED_OUT, "TLS handshake");
        } catch (SSLException e) {
            closeQuietly(plain);
            return new Failed(Failure.TLS_FAILED, e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            closeQuietly(plain);
            return new Failed(Failure.HOST_NOT_USABLE, "host not usable for SNI");
        } catch (IOException e) {
            closeQuietly(plain);
            return new Failed(Failure.CONNECTION_LOST, e.getClass().getSimpleName());
        }
        Connection connection;
        try {
            connection = new Connection(key, socket, currentGeneration());
        } catch (IOException e) {
            closeQuietly(socket);
            return new Failed(Failure.CONNECTION_LOST, e.getClass().getSimpleName());
        }
        return exchange(connection, request, deadline, false).orElseThrow(); // only a kept connection is stale
    }

    /** The TLS connection over {@code plain}, with SNI and the name check for {@code host}, handshake done. */
    private SSLSocket handshake(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(PROTOCOLS);
            if (!isIpLiteral(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            socket.setSSLParameters(parameters);
            remaining(socket, deadline);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /**
     * Sends the request and reads the answer, then keeps the connection or closes it. Empty when the connection
     * was {@code kept} from an earlier request and failed before any byte of an answer: it may have been stale.
     */
    private Optional<Outcome> exchange(Connection connection, byte[] request, long deadline, boolean kept) {
        boolean reusable = false;
        try {
            int first;
            try {
                connection.out.write(request);
                connection.out.flush();
                remaining(connection.socket, deadline);
                first = connection.in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (kept) {
                    return Optional.empty();
                }
                throw e;
            }
            if (first < 0) {
                return kept ? Optional.empty()
                        : Optional.of(new Failed(Failure.BAD_RESPONSE, "no HTTP/1.x response head"));
            }
            Response response = answer(connection, first, deadline);
            reusable = response.reusable();
            return Optional.of(response.outcome());
        } catch (SocketTimeoutException e) {
            return Optional.of(new Failed(Failure.TIMED_OUT, "no answer in time"));
        } catch (IOException e) {
            return Optional.of(new Failed(Failure.CONNECTION_LOST, e.getClass().getSimpleName()));
        } finally {
            release(connection, reusable);
        }
    }

    /** What a request came to, and whether its connection can carry another one. */
    private record Response(Outcome outcome, boolean reusable) {
    }

    /** Reads heads until a final one (interim 1xx answers are skipped), then its body; {@code first} was read. */
    private Response answer(Connection connection, int first, long deadline) throws IOException {
        int firstByte = first;
        while (true) {
            String head = readHead(connection.in, connection.socket, deadline, firstByte);
            firstByte = -1;
            if (head == null) {
                return new Response(new Failed(Failure.BAD_RESPONSE, "no HTTP/1.x response head"), false);
            }
            String[] lines = head.split("\r\n");
            Matcher status = STATUS_LINE.matcher(lines[0]);
            if (!status.matches()) {
                return new Response(new Failed(Failure.BAD_RESPONSE, "not an HTTP/1.x status line"), false);
            }
            int code = Integer.parseInt(status.group(2));
            if (code < 200) {
                continue; // 100 Continue or another interim answer: the final one follows
            }
            return body(code, status.group(1).equals("1"), lines, connection, deadline);
        }
    }

    private Response body(int code, boolean http11, String[] headLines, Connection connection, long deadline)
            throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        boolean close = !http11;
        for (int i = 1; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = headLines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = headLines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    long length = contentLength(value);
                    if (length < 0 || (contentLength >= 0 && length != contentLength)) {
                        return new Response(new Answered(code, new byte[0]), false);
                    }
                    contentLength = length;
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close |= hasToken(value, "close");
                default -> {
                }
            }
        }
        InputStream in = connection.in;
        Socket socket = connection.socket;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete;
        try {
            if (code == 204 || code == 304) {
                complete = true; // never a body
            } else if (chunked) {
                complete = readChunked(in, socket, deadline, body) && contentLength < 0;
            } else if (contentLength >= 0 && contentLength <= maxResponseBytes) {
                complete = copy(in, socket, deadline, body, contentLength);
            } else {
                copy(in, socket, deadline, body, maxResponseBytes);
                complete = false; // cut short, or delimited by the end of the connection
            }
        } catch (SocketTimeoutException | SSLException e) {
            complete = false; // the status is what counts; a body that trickles or ends badly is read no further
        }
        boolean reusable = complete && !close && nothingMore(in);
        return new Response(new Answered(code, body.toByteArray()), reusable);
    }

    /** Reads a chunked body of up to {@code maxResponseBytes}; true when it was read to its end, trailers included. */
    private boolean readChunked(InputStream in, Socket socket, long deadline, ByteArrayOutputStream body)
            throws IOException {
        while (true) {
            String sizeLine = readLine(in, socket, deadline);
            if (sizeLine == null) {
                return false;
            }
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                return false;
            }
            if (size < 0) {
                return false;
            }
            if (size == 0) {
                return readTrailers(in, socket, deadline);
            }
            int room = maxResponseBytes - body.size();
            if (size > room) {
                copy(in, socket, deadline, body, room);
                return false;
            }
            if (!copy(in, socket, deadline, body, size) || !"".equals(readLine(in, socket, deadline))) {
                return false;
            }
        }
    }

    /** Reads trailer lines up to the empty line that ends a chunked body; false when it is not there. */
    private static boolean readTrailers(InputStream in, Socket socket, long deadline) throws IOException {
        for (int i = 0; i < MAX_TRAILER_LINES; i++) {
            String line = readLine(in, socket, deadline);
            if (line == null) {
                return false;
            }
            if (line.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Copies {@code count} bytes; false when the stream ended first. */
    private static boolean copy(InputStream in, Socket socket, long deadline, ByteArrayOutputStream to, long count)
            throws IOException {
        byte[] buffer = new byte[4096];
        long left = count;
        while (left > 0) {
            remaining(socket, deadline);
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            to.write(buffer, 0, n);
            left -= n;
        }
        return true;
    }

    private static String readLine(InputStream in, Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() < MAX_CHUNK_LINE) {
            remaining(socket, deadline);
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).trim();
            }
            line.write(b);
        }
        return null;
    }

    /**
     * The status line and headers up to the empty line, or null when they are not there within the limit.
     *
     * @param first its first byte when already read, else -1
     */
    private static String readHead(InputStream in, Socket socket, long deadline, int first) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        int b = first;
        while (head.size() < MAX_HEAD_BYTES) {
            if (b < 0) {
                remaining(socket, deadline);
                b = in.read();
                if (b < 0) {
                    return null;
                }
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (lastFour == END_OF_HEAD) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            b = -1;
        }
        return null;
    }

    /** Sets the read timeout to what is left of the deadline. */
    private static void remaining(Socket socket, long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    /** True when the server sent nothing past the answer (more would mean we misread where it ended). */
    private static boolean nothingMore(InputStream in) {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long contentLength(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasToken(String value, String token) {
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private byte[] request(URI uri, byte[] json) {
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getRawAuthority() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length + "\r\n"
                + "Accept: application/json\r\n"
                + "User-Agent: onvif-cloud\r\n"
                + (keepAlive.maxIdlePerTarget() == 0 ? "Connection: close\r\n" : "")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + json.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(json, 0, request, headBytes.length, json.length);
        return request;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    // ---- the idle connections

    /** What a connection was made for: the pinned socket address and the URI host its certificate was checked for. */
    private record Target(InetSocketAddress address, String host) {
    }

    /** One TLS connection, used by one request at a time. */
    private static final class Connection {

        final Target target;
        final SSLSocket socket;
        final InputStream in;
        final OutputStream out;
        final long generation;
        /** When it was last put back; guarded by {@link #idle}. */
        Instant idleSince = Instant.MIN;

        Connection(Target target, SSLSocket socket, long generation) throws IOException {
            this.target = target;
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.generation = generation;
        }

        void close() {
            closeQuietly(socket);
        }
    }

    private long currentGeneration() {
        synchronized (idle) {
            return generation;
        }
    }

    /** The most recently used idle connection for {@code target}, closing those idle too long. */
    private Optional<Connection> takeIdle(Target target) {
        if (keepAlive.maxIdlePerTarget() == 0) {
            return Optional.empty();
        }
        Instant now = keepAlive.clock().instant();
        List<Connection> expired = new ArrayList<>();
        Connection taken = null;
        synchronized (idle) {
            ArrayDeque<Connection> connections = idle.get(target);
            if (connections != null) {
                removeExpired(connections, now, expired);
                taken = connections.pollLast();
                if (connections.isEmpty()) {
                    idle.remove(target);
                }
            }
        }
        expired.forEach(Connection::close);
        return Optional.ofNullable(taken);
    }

    /**
     * Keeps a connection whose answer was read to its end for a later request, or closes it; closes the oldest idle
     * one of its target past {@link KeepAlive#maxIdlePerTarget()}, and any idle too long.
     */
    private void release(Connection connection, boolean reusable) {
        List<Connection> closing = new ArrayList<>();
        if (reusable && keepAlive.maxIdlePerTarget() > 0) {
            Instant now = keepAlive.clock().instant();
            synchronized (idle) {
                if (connection.generation == generation) {
                    idle.values().forEach(connections -> removeExpired(connections, now, closing));
                    idle.values().removeIf(ArrayDeque::isEmpty);
                    ArrayDeque<Connection> connections = idle.computeIfAbsent(connection.target,
                            target -> new ArrayDeque<>());
                    connection.idleSince = now;
                    connections.addLast(connection);
                    while (connections.size() > keepAlive.maxIdlePerTarget()) {
                        closing.add(connections.pollFirst());
                    }
                } else {
                    closing.add(connection); // the client was closed while it was in use
                }
            }
        } else {
            closing.add(connection);
        }
        closing.forEach(Connection::close);
    }

    private void removeExpired(ArrayDeque<Connection> connections, Instant now, List<Connection> expired) {
        connections.removeIf(connection -> {
            boolean old = !now.isBefore(connection.idleSince.plus(keepAlive.idleTimeout()));
            if (old) {
                expired.add(connection);
            }
            return old;
        });
    }
}
