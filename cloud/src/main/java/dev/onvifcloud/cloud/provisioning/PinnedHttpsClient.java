package dev.onvifcloud.cloud.provisioning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One HTTPS {@code POST} of a JSON body over HTTP/1.1 ({@code Connection: close}) to the address an
 * {@link OutboundAddressPolicy} pinned: the socket connects to {@link PinnedAddress#socketAddress()}, never to a
 * second lookup of the name, while SNI and the certificate's name check use the URI's host.
 *
 * <p>Not {@code java.net.http.HttpClient}: it always resolves the host itself, so it cannot be held to the address
 * that was checked (DNS rebinding). Bounded: the connect timeout, then one deadline for handshake, request and
 * response; a response head of at most {@value #MAX_HEAD_BYTES} bytes and at most {@code maxResponseBytes} of body
 * (by {@code Content-Length}, chunked, or up to the end of the connection). Thread-safe (each call has its own
 * socket).
 */
public final class PinnedHttpsClient {

    /** The largest response head (status line and headers) read. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBytes;

    /**
     * @param tls the trust anchors to verify the server with (see {@link #trusting(List)})
     * @param connectTimeout for the TCP connection
     * @param requestTimeout from the connection to the end of the response
     * @param maxResponseBytes the most of a body read; the rest is left unread
     */
    public PinnedHttpsClient(SSLContext tls, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must not be negative");
        }
        this.maxResponseBytes = maxResponseBytes;
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

    /** {@code POST}s {@code json} to the pinned URI; never throws for what the network or the peer does. */
    public Outcome postJson(PinnedAddress target, byte[] json) {
        URI uri = target.uri();
        String host = bare(uri.getHost());
        Socket plain = new Socket();
        try (plain) {
            try {
                plain.connect(target.socketAddress(), Math.toIntExact(connectTimeout.toMillis()));
            } catch (SocketTimeoutException e) {
                return new Failed(Failure.CONNECT_TIMED_OUT, e.getClass().getSimpleName());
            } catch (ConnectException e) {
                return new Failed(Failure.CONNECT_FAILED, e.getClass().getSimpleName());
            }
            long deadline = System.nanoTime() + requestTimeout.toNanos();
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, target.port(), true);
            try (socket) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setProtocols(PROTOCOLS);
                if (!isIpLiteral(host)) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                socket.setSSLParameters(parameters);
                remaining(socket, deadline);
                try {
                    socket.startHandshake();
                } catch (SocketTimeoutException e) {
                    return new Failed(Failure.TIMED_OUT, "TLS handshake");
                } catch (SSLException e) {
                    return new Failed(Failure.TLS_FAILED, e.getClass().getSimpleName());
                }
                OutputStream out = socket.getOutputStream();
                out.write(head(uri, json.length));
                out.write(json);
                out.flush();
                return answer(socket, deadline);
            }
        } catch (SocketTimeoutException e) {
            return new Failed(Failure.TIMED_OUT, "no answer in time");
        } catch (IllegalArgumentException e) {
            return new Failed(Failure.HOST_NOT_USABLE, "host not usable for SNI");
        } catch (IOException e) {
            return new Failed(Failure.CONNECTION_LOST, e.getClass().getSimpleName());
        }
    }

    private Outcome answer(SSLSocket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String head = readHead(in, socket, deadline);
            if (head == null) {
                return new Failed(Failure.BAD_RESPONSE, "no HTTP/1.x response head");
            }
            String[] lines = head.split("\r\n");
            Matcher status = STATUS_LINE.matcher(lines[0]);
            if (!status.matches()) {
                return new Failed(Failure.BAD_RESPONSE, "not an HTTP/1.x status line");
            }
            int code = Integer.parseInt(status.group(1));
            if (code < 200) {
                continue; // 100 Continue or another interim answer: the final one follows
            }
            return new Answered(code, body(lines, in, socket, deadline));
        }
    }

    private byte[] body(String[] headLines, InputStream in, Socket socket, long deadline) throws IOException {
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = headLines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = headLines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return new byte[0];
                }
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (chunked) {
                readChunked(in, socket, deadline, body);
            } else {
                long wanted = contentLength < 0 ? maxResponseBytes : Math.min(contentLength, maxResponseBytes);
                copy(in, socket, deadline, body, wanted);
            }
        } catch (SocketTimeoutException | SSLException e) {
            // the status is what counts; a body that trickles or ends badly is read no further
        }
        return body.toByteArray();
    }

    private void readChunked(InputStream in, Socket socket, long deadline, ByteArrayOutputStream body)
            throws IOException {
        while (body.size() < maxResponseBytes) {
            String sizeLine = readLine(in, socket, deadline);
            if (sizeLine == null) {
                return;
            }
            int semicolon = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                return;
            }
            if (size <= 0) {
                return;
            }
            copy(in, socket, deadline, body, Math.min(size, maxResponseBytes - body.size()));
            readLine(in, socket, deadline);
        }
    }

    private static void copy(InputStream in, Socket socket, long deadline, ByteArrayOutputStream to, long count)
            throws IOException {
        byte[] buffer = new byte[4096];
        long left = count;
        while (left > 0) {
            remaining(socket, deadline);
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            to.write(buffer, 0, n);
            left -= n;
        }
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

    /** The status line and headers up to the empty line, or null when they are not there within the limit. */
    private static String readHead(InputStream in, Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (head.size() < MAX_HEAD_BYTES) {
            remaining(socket, deadline);
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            lastFour = (lastFour << 8) | b;
            if (lastFour == END_OF_HEAD) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** Sets the read timeout to what is left of the deadline. */
    private static void remaining(Socket socket, long deadline) throws IOException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout(Math.toIntExact(Math.min(left, Integer.MAX_VALUE)));
    }

    private static byte[] head(URI uri, int contentLength) {
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target += "?" + uri.getRawQuery();
        }
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getRawAuthority() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + "Accept: application/json\r\n"
                + "User-Agent: onvif-cloud\r\n"
                + "Connection: close\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
    }
}
