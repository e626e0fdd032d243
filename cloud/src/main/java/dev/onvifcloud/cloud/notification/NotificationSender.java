package dev.onvifcloud.cloud.notification;

import dev.onvifcloud.cloud.provisioning.PinnedAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTPS {@code POST} of a JSON body to one endpoint, over HTTP/1.1 with {@code Connection: close}, to the
 * address the {@code OutboundAddressPolicy} pinned: the socket connects to that address, never to a second
 * lookup of the name, while SNI and the certificate's name check use the URI's host. Bounded: the connect
 * timeout, then one deadline for handshake, request and response; the response head is read up to
 * {@value #MAX_HEAD_BYTES} bytes and at most {@code maxResponseBytes} of the body are read and discarded.
 * Thread-safe (each call has its own socket).
 */
final class NotificationSender {

    static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([1-5][0-9][0-9])(?: .*)?");
    private static final int END_OF_HEAD = 0x0D0A0D0A;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext tls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBytes;

    NotificationSender(SSLContext tls, Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    EndpointAttempt post(PinnedAddress target, byte[] json) {
        URI endpoint = target.uri();
        String host = bare(endpoint.getHost());
        Socket plain = new Socket();
        try (plain) {
            try {
                plain.connect(target.socketAddress(), Math.toIntExact(connectTimeout.toMillis()));
            } catch (SocketTimeoutException | ConnectException e) {
                return EndpointAttempt.failed(endpoint, DeliveryFailure.CONNECT_FAILED, e.getClass().getSimpleName());
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
                    return EndpointAttempt.failed(endpoint, DeliveryFailure.TIMED_OUT, "TLS handshake");
                } catch (SSLException e) {
                    return EndpointAttempt.failed(endpoint, DeliveryFailure.TLS_FAILED, e.getClass().getSimpleName());
                }
                OutputStream out = socket.getOutputStream();
                out.write(head(endpoint, json.length));
                out.write(json);
                out.flush();
                return answer(endpoint, socket, deadline);
            }
        } catch (SocketTimeoutException e) {
            return EndpointAttempt.failed(endpoint, DeliveryFailure.TIMED_OUT, "no answer in time");
        } catch (IllegalArgumentException e) {
            return EndpointAttempt.failed(endpoint, DeliveryFailure.ADDRESS_REFUSED, "host not usable for SNI");
        } catch (IOException e) {
            return EndpointAttempt.failed(endpoint, DeliveryFailure.CONNECTION_LOST, e.getClass().getSimpleName());
        }
    }

    private EndpointAttempt answer(URI endpoint, SSLSocket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            String head = readHead(in, socket, deadline);
            if (head == null) {
                return EndpointAttempt.failed(endpoint, DeliveryFailure.BAD_RESPONSE, "no HTTP/1.x response head");
            }
            Matcher status = STATUS_LINE.matcher(head.substring(0, head.indexOf("\r\n")));
            if (!status.matches()) {
                return EndpointAttempt.failed(endpoint, DeliveryFailure.BAD_RESPONSE, "not an HTTP/1.x status line");
            }
            int code = Integer.parseInt(status.group(1));
            if (code < 200) {
                continue; // 100 Continue or another interim answer: the final one follows
            }
            discardBody(in, socket, deadline);
            return code < 300 ? EndpointAttempt.accepted(endpoint, code) : EndpointAttempt.refusedStatus(endpoint, code);
        }
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

    private void discardBody(InputStream in, Socket socket, long deadline) throws IOException {
        byte[] buffer = new byte[4096];
        int total = 0;
        try {
            while (total < maxResponseBytes) {
                remaining(socket, deadline);
                int n = in.read(buffer, 0, Math.min(buffer.length, maxResponseBytes - total));
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (SocketTimeoutException | SSLException e) {
            // the status is what counts; a body that trickles or ends badly is simply not read further
        }
    }

    /** Sets the read timeout to what is left of the deadline. */
    private static void remaining(Socket socket, long deadline) throws IOException {
        long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout(Math.toIntExact(Math.min(left, Integer.MAX_VALUE)));
    }

    private static byte[] head(URI endpoint, int contentLength) {
        String target = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        if (endpoint.getRawQuery() != null) {
            target += "?" + endpoint.getRawQuery();
        }
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + endpoint.getRawAuthority() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + "Accept: application/json\r\n"
                + "User-Agent: onvif-cloud\r\n"
                + "Connection: close\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
    }
}
