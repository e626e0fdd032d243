package dev.onvifcloud.cloud.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Answered;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Failed;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Failure;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.KeepAlive;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Outcome;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.testing.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PinnedHttpsClientTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final DevelopmentPki OTHER_PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final int MAX_BODY = 64;

    private SSLServerSocket server;
    private final CompletableFuture<String> received = new CompletableFuture<>();

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void posts_the_json_to_the_uri_path_and_reads_a_body_by_content_length() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloTRAILING");

        Answered answer = (Answered) client(PKI).postJson(pinned("/onvif/x?y=1"), "{\"a\":1}".getBytes());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(received.get()).startsWith("POST /onvif/x?y=1 HTTP/1.1\r\n")
                .contains("Content-Type: application/json\r\n", "Content-Length: 7\r\n")
                .doesNotContain("Connection:")
                .endsWith("\r\n\r\n{\"a\":1}");
    }

    @Test
    void reads_a_chunked_body_after_an_interim_answer() throws Exception {
        serve("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n");

        Answered answer = (Answered) client(PKI).postJson(pinned("/"), new byte[0]);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(new String(answer.body(), StandardCharsets.US_ASCII)).isEqualTo("abcdefg");
    }

    @Test
    void reads_no_more_of_a_body_than_the_limit() throws Exception {
        serve("HTTP/1.1 500 Oops\r\n\r\n" + "x".repeat(MAX_BODY * 3));

        Answered answer = (Answered) client(PKI).postJson(pinned("/"), new byte[0]);

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).hasSize(MAX_BODY);
    }

    @Test
    void refuses_an_answer_that_is_not_http() throws Exception {
        serve("SSH-2.0-OpenSSH\r\n\r\n");

        Failed failed = (Failed) client(PKI).postJson(pinned("/"), new byte[0]);

        assertThat(failed.failure()).isEqualTo(Failure.BAD_RESPONSE);
    }

    @Test
    void refuses_a_response_head_larger_than_the_limit() throws Exception {
        serve("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(PinnedHttpsClient.MAX_HEAD_BYTES) + "\r\n\r\n");

        Failed failed = (Failed) client(PKI).postJson(pinned("/"), new byte[0]);

        assertThat(failed.failure()).isEqualTo(Failure.BAD_RESPONSE);
    }

    @Test
    void refuses_a_server_whose_certificate_it_does_not_trust() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        Failed failed = (Failed) client(OTHER_PKI).postJson(pinned("/"), new byte[0]);

        assertThat(failed.failure()).isEqualTo(Failure.TLS_FAILED);
    }

    @Test
    void refuses_a_server_whose_certificate_names_another_host() throws Exception {
        serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        PinnedAddress elsewhere = new PinnedAddress(URI.create("https://other.test:" + server.getLocalPort() + "/"),
                InetAddress.getLoopbackAddress());

        Failed failed = (Failed) client(PKI).postJson(elsewhere, new byte[0]);

        assertThat(failed.failure()).isEqualTo(Failure.TLS_FAILED);
    }

    @Test
    void gives_up_on_a_server_that_does_not_answer_in_time() throws Exception {
        server = listening();
        CompletableFuture.runAsync(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                Thread.sleep(3_000);
            } catch (Exception e) {
                // the client gave up
            }
        });

        Outcome outcome = new PinnedHttpsClient(PinnedHttpsClient.trusting(List.of(PKI.localCaCertificate())),
                Duration.ofSeconds(5), Duration.ofMillis(500), MAX_BODY).postJson(pinned("/"), new byte[0]);

        assertThat(((Failed) outcome).failure()).isEqualTo(Failure.TIMED_OUT);
    }

    @Test
    void reports_a_refused_connection() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        PinnedAddress nobody = new PinnedAddress(URI.create("https://localhost:" + port + "/"),
                InetAddress.getLoopbackAddress());

        Failed failed = (Failed) client(PKI).postJson(nobody, new byte[0]);

        assertThat(failed.failure()).isEqualTo(Failure.CONNECT_FAILED);
    }

    // ---- keep-alive

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void sends_the_next_request_to_the_same_target_on_the_same_connection() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(OK));
                PinnedHttpsClient client = client(PKI)) {
            Answered first = (Answered) client.postJson(server.pinned("localhost", "/a"), "{}".getBytes());
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/b"), "{}".getBytes());

            assertThat(List.of(first.status(), second.status())).containsExactly(200, 200);
            assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(server.accepted).hasValue(1);
            assertThat(server.requests).hasSize(2)
                    .allSatisfy(request -> assertThat(request).doesNotContain("Connection:"));
        }
    }

    @Test
    void keeps_the_connection_after_a_chunked_body_read_to_its_end() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\nok\r\n0\r\nX-Trailer: 1\r\n\r\n"));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(new String(second.body(), StandardCharsets.US_ASCII)).isEqualTo("ok");
            assertThat(server.accepted).hasValue(1);
        }
    }

    @Test
    void keeps_the_connection_after_an_answer_that_has_no_body() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep("HTTP/1.1 204 No Content\r\n\r\n"));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(second.status()).isEqualTo(204);
            assertThat(server.accepted).hasValue(1);
        }
    }

    @Test
    void opens_a_new_connection_after_the_server_said_connection_close() throws Exception {
        // the server says close but would go on: only the client's honouring of the header makes a second connection
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(
                        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(second.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
            assertThat(server.closedByClient.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void opens_a_new_connection_after_an_http_1_0_answer() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(server.accepted).hasValue(2);
        }
    }

    @Test
    void does_not_reuse_a_connection_whose_body_was_cut_short_at_the_limit() throws Exception {
        String tooLong = "x".repeat(MAX_BODY * 2);
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(
                        "HTTP/1.1 200 OK\r\nContent-Length: " + tooLong.length() + "\r\n\r\n" + tooLong));
                PinnedHttpsClient client = client(PKI)) {
            Answered first = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(first.body()).hasSize(MAX_BODY);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).hasSize(MAX_BODY);
            assertThat(server.accepted).hasValue(2);
        }
    }

    @Test
    void does_not_reuse_a_connection_whose_chunked_body_was_cut_short_at_the_limit() throws Exception {
        String chunk = "x".repeat(MAX_BODY);
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(MAX_BODY) + "\r\n" + chunk + "\r\n1\r\ny\r\n0\r\n\r\n"));
                PinnedHttpsClient client = client(PKI)) {
            Answered first = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered second = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(first.body()).hasSize(MAX_BODY);
            assertThat(second.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
        }
    }

    @Test
    void sends_again_on_a_new_connection_when_the_server_closed_the_idle_one() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> connection == 1 ? Reply.closing(OK) : Reply.keep(OK));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            assertThat(server.closedByServer.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

            Outcome second = client.postJson(server.pinned("localhost", "/"), "{\"n\":2}".getBytes());

            assertThat(second).isInstanceOfSatisfying(Answered.class,
                    answer -> assertThat(answer.status()).isEqualTo(200));
            assertThat(server.accepted).hasValue(2);
            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(1)).endsWith("{\"n\":2}");
        }
    }

    @Test
    void does_not_send_again_when_a_kept_connection_broke_after_the_answer_began() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> request == 1 ? Reply.keep(OK) : Reply.closing("HTTP/1.1 200 O"));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);

            Outcome second = client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(second).isInstanceOfSatisfying(Failed.class,
                    failed -> assertThat(failed.failure()).isEqualTo(Failure.BAD_RESPONSE));
            assertThat(server.accepted).hasValue(1);
        }
    }

    @Test
    void never_shares_a_connection_between_hosts_of_the_same_address() throws Exception {
        IssuedCredential both = PKI.issueServerCertificate("localhost", List.of("localhost", "other.test"), List.of());
        try (KeepAliveServer server = new KeepAliveServer(both, (connection, request) -> Reply.keep(OK));
                PinnedHttpsClient client = client(PKI)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            Answered other = (Answered) client.postJson(server.pinned("other.test", "/"), new byte[0]);
            client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(other.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
            assertThat(server.requests).extracting(request -> request.lines().filter(line -> line.startsWith("Host:"))
                    .findFirst().orElseThrow()).containsExactly("Host: localhost:" + server.port(),
                            "Host: other.test:" + server.port(), "Host: localhost:" + server.port());
        }
    }

    @Test
    void never_shares_a_connection_between_addresses_of_the_same_host() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        assumeTrue(local(second), "127.0.0.2 is not a loopback address here");
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                InetAddress.getByName("0.0.0.0"), (connection, request) -> Reply.keep(OK));
                PinnedHttpsClient client = client(PKI)) {
            URI uri = URI.create("https://localhost:" + server.port() + "/");

            client.postJson(new PinnedAddress(uri, InetAddress.getByName("127.0.0.1")), new byte[0]);
            Answered rebound = (Answered) client.postJson(new PinnedAddress(uri, second), new byte[0]);

            assertThat(rebound.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
        }
    }

    @Test
    void keeps_no_more_idle_connections_per_target_than_its_bound() throws Exception {
        CyclicBarrier allThree = new CyclicBarrier(3);
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> {
                    allThree.await(10, TimeUnit.SECONDS); // three requests in flight at once, on three connections
                    return Reply.keep(OK);
                });
                PinnedHttpsClient client = client(PKI, new KeepAlive(2, Duration.ofSeconds(30), Clock.systemUTC()))) {
            assertThat(threeAtOnce(client, server.pinned("localhost", "/"))).containsExactly(200, 200, 200);
            assertThat(server.accepted).hasValue(3);
            assertThat(server.closedByClient.tryAcquire(10, TimeUnit.SECONDS)).isTrue();

            assertThat(threeAtOnce(client, server.pinned("localhost", "/"))).containsExactly(200, 200, 200);
            assertThat(server.accepted).hasValue(4); // two kept, one new
        }
    }

    @Test
    void closes_a_connection_idle_for_the_idle_timeout_instead_of_reusing_it() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(OK));
                PinnedHttpsClient client = client(PKI, new KeepAlive(8, Duration.ofSeconds(30), clock))) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            clock.advance(Duration.ofSeconds(29));
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            assertThat(server.accepted).hasValue(1);

            clock.advance(Duration.ofSeconds(30));
            Answered late = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(late.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
            assertThat(server.closedByClient.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void close_closes_the_idle_connections_and_later_requests_open_new_ones() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(OK))) {
            PinnedHttpsClient client = client(PKI);
            client.postJson(server.pinned("localhost", "/"), new byte[0]);

            client.close();

            assertThat(server.closedByClient.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            Answered after = (Answered) client.postJson(server.pinned("localhost", "/"), new byte[0]);
            assertThat(after.status()).isEqualTo(200);
            assertThat(server.accepted).hasValue(2);
            client.close();
        }
    }

    @Test
    void without_keep_alive_asks_for_and_makes_a_connection_per_request() throws Exception {
        try (KeepAliveServer server = new KeepAliveServer(PKI.issueServerCertificate("localhost"),
                (connection, request) -> Reply.keep(OK));
                PinnedHttpsClient client = client(PKI, KeepAlive.NONE)) {
            client.postJson(server.pinned("localhost", "/"), new byte[0]);
            client.postJson(server.pinned("localhost", "/"), new byte[0]);

            assertThat(server.accepted).hasValue(2);
            assertThat(server.requests).allSatisfy(request -> assertThat(request).contains("Connection: close\r\n"));
        }
    }

    @Test
    void keep_alive_refuses_a_negative_bound_and_an_idle_timeout_that_is_not_positive() {
        assertThatThrownBy(() -> new KeepAlive(-1, Duration.ofSeconds(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepAlive(1, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Three requests at once from three threads; their statuses. */
    private static List<Integer> threeAtOnce(PinnedHttpsClient client, PinnedAddress target) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                outcomes.add(threads.submit(() -> client.postJson(target, new byte[0])));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Outcome> outcome : outcomes) {
                statuses.add(((Answered) outcome.get(30, TimeUnit.SECONDS)).status());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Whether this machine has {@code address} (Linux answers for all of 127.0.0.0/8). */
    private static boolean local(InetAddress address) {
        try (ServerSocket bound = new ServerSocket(0, 1, address)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** What the keep-alive server sends for a request, and whether it closes the connection after it. */
    private record Reply(String text, boolean close) {

        static Reply keep(String text) {
            return new Reply(text, false);
        }

        static Reply closing(String text) {
            return new Reply(text, true);
        }
    }

    /** How the keep-alive server answers the {@code request}-th request (from 1) on its {@code connection}-th one. */
    private interface Answer {
        Reply reply(int connection, int request) throws Exception;
    }

    /**
     * A TLS server on loopback answering any number of requests per connection; counts the connections it accepted,
     * and those that ended because the client closed them or because it did.
     */
    private static final class KeepAliveServer implements AutoCloseable {

        final AtomicInteger accepted = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Semaphore closedByClient = new Semaphore(0);
        final Semaphore closedByServer = new Semaphore(0);
        private final SSLServerSocket listening;
        private final Answer answer;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "keep-alive-server");
            thread.setDaemon(true);
            return thread;
        });

        KeepAliveServer(IssuedCredential credential, Answer answer) throws Exception {
            this(credential, InetAddress.getLoopbackAddress(), answer);
        }

        KeepAliveServer(IssuedCredential credential, InetAddress bind, Answer answer) throws Exception {
            this.answer = answer;
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(credential.toKeyStore(new char[0]), new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            listening = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, bind);
            threads.execute(this::acceptLoop);
        }

        int port() {
            return listening.getLocalPort();
        }

        PinnedAddress pinned(String host, String path) {
            return new PinnedAddress(URI.create("https://" + host + ":" + port() + path),
                    InetAddress.getLoopbackAddress());
        }

        private void acceptLoop() {
            while (!listening.isClosed()) {
                try {
                    Socket socket = listening.accept();
                    open.add(socket);
                    int connection = accepted.incrementAndGet();
                    threads.execute(() -> serve(socket, connection));
                } catch (Exception e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket socket, int connection) {
            boolean byServer = false;
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                for (int request = 1; ; request++) {
                    String received = readRequest(in);
                    if (received.isEmpty()) {
                        break;
                    }
                    requests.add(received);
                    Reply reply = answer.reply(connection, request);
                    out.write(reply.text().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (reply.close()) {
                        byServer = true;
                        break;
                    }
                }
            } catch (Exception e) {
                // the client went away abruptly, or the server was closed
            }
            (byServer ? closedByServer : closedByClient).release();
        }

        @Override
        public void close() throws Exception {
            listening.close();
            for (Socket socket : open) {
                socket.close();
            }
            threads.shutdownNow();
        }
    }

    private static PinnedHttpsClient client(DevelopmentPki trusted) throws Exception {
        return new PinnedHttpsClient(PinnedHttpsClient.trusting(List.of(trusted.localCaCertificate())),
                Duration.ofSeconds(5), Duration.ofSeconds(10), MAX_BODY);
    }

    private static PinnedHttpsClient client(DevelopmentPki trusted, KeepAlive keepAlive) throws Exception {
        return new PinnedHttpsClient(PinnedHttpsClient.trusting(List.of(trusted.localCaCertificate())),
                Duration.ofSeconds(5), Duration.ofSeconds(10), MAX_BODY, keepAlive);
    }

    private PinnedAddress pinned(String pathAndQuery) {
        return new PinnedAddress(URI.create("https://localhost:" + server.getLocalPort() + pathAndQuery),
                InetAddress.getLoopbackAddress());
    }

    /** Accepts one connection, reads the request (head and Content-Length body), answers {@code answer}, closes. */
    private void serve(String answer) throws Exception {
        server = listening();
        CompletableFuture.runAsync(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                received.complete(readRequest(socket.getInputStream()));
                OutputStream out = socket.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (Exception e) {
                received.completeExceptionally(e);
            }
        });
    }

    private static SSLServerSocket listening() throws Exception {
        IssuedCredential credential = PKI.issueServerCertificate("localhost");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(credential.toKeyStore(new char[0]), new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
    }

    /** One request, head and Content-Length body; empty when the connection ended before it. */
    private static String readRequest(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = text.lines().filter(line -> line.startsWith("Content-Length: ")).findFirst()
                .map(line -> Integer.parseInt(line.substring("Content-Length: ".length()).trim())).orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
