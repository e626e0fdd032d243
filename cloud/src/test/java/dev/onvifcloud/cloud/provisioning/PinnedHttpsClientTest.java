package dev.onvifcloud.cloud.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Answered;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Failed;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Failure;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient.Outcome;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
                .contains("Content-Type: application/json\r\n", "Content-Length: 7\r\n", "Connection: close\r\n")
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

    private static PinnedHttpsClient client(DevelopmentPki trusted) throws Exception {
        return new PinnedHttpsClient(PinnedHttpsClient.trusting(List.of(trusted.localCaCertificate())),
                Duration.ofSeconds(5), Duration.ofSeconds(10), MAX_BODY);
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
