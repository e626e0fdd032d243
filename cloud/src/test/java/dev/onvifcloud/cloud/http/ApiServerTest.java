package dev.onvifcloud.cloud.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's own behaviour over real HTTPS on loopback: routing, limits, errors, keep-alive, TLS only. */
class ApiServerTest {

    private static final String SECRET = "secret-token-text-never-sent";

    private static DevelopmentPki pki;
    private static ApiServer server;
    private static HttpClient http1;
    private static HttpClient http2;

    @BeforeAll
    static void start() {
        pki = DevelopmentPki.generate(Clock.systemUTC());
        IssuedCredential credential = pki.issueServerCertificate("api-server-test");
        server = ApiServer.builder()
                .settings(ApiServerSettings.loopback().withMaxBodyBytes(1024).withMaxHeaderBytes(2048))
                .tlsCredential(credential.privateKey(), credential.chain())
                .route(Route.postJson("/echo", request -> CompletableFuture.completedFuture(
                        ApiResponse.json(200, request.body()).withHeader("x-handler-thread",
                                Thread.currentThread().getName()))))
                .route(Route.get("/echo", request -> CompletableFuture.completedFuture(ApiResponse.empty(204))))
                .route(Route.get("/fails", request -> {
                    throw new IllegalStateException(SECRET + " at /home/cloud/secret/path");
                }))
                .route(Route.get("/fails-later", request -> CompletableFuture.failedFuture(
                        new IllegalStateException(SECRET))))
                .build()
                .start();
        http1 = TlsClients.httpClient(pki.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        http2 = TlsClients.httpClient(pki.localCaCertificate(), HttpClient.Version.HTTP_2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String path) {
        return URI.create("https://localhost:" + server.port() + path);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder postJson(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void routes_a_json_post_to_its_handler_off_the_event_loop_over_http2() throws Exception {
        HttpResponse<String> response = send(http2, postJson("/echo", "{\"a\":1}").build());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"a\":1}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("x-handler-thread").orElseThrow()).startsWith("api-handler");
        assertThat(response.headers().firstValue("x-correlation-id")).isPresent();
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    @Test
    void serves_http1_when_the_client_offers_only_http1() throws Exception {
        HttpResponse<String> response = send(http1, postJson("/echo", "{}").build());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void accepts_json_with_a_utf8_charset() throws Exception {
        HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri("/echo"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answers_404_for_an_unknown_path() throws Exception {
        for (HttpClient client : new HttpClient[] {http1, http2}) {
            HttpResponse<String> response = send(client, HttpRequest.newBuilder(uri("/nothing-here")).GET().build());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"error\":\"Not found\"}");
        }
    }

    @Test
    void answers_405_with_allow_for_a_known_path_and_another_method() throws Exception {
        HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri("/echo"))
                .method("PUT", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).isEqualTo("{\"error\":\"Method not allowed\"}");
        assertThat(response.headers().firstValue("allow")).hasValue("GET, POST");
    }

    @Test
    void answers_415_when_a_json_route_gets_another_content_type() throws Exception {
        for (String type : new String[] {"text/plain", "application/json; charset=ISO-8859-1", "application/jsonx"}) {
            HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri("/echo"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{}")).build());

            assertThat(response.statusCode()).as(type).isEqualTo(415);
            assertThat(response.body()).isEqualTo("{\"error\":\"Unsupported media type\"}");
        }
    }

    @Test
    void answers_415_when_a_json_route_gets_no_content_type() throws Exception {
        HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void answers_413_for_a_body_over_the_limit() throws Exception {
        String large = "{\"a\":\"" + "x".repeat(2000) + "\"}";
        for (HttpClient client : new HttpClient[] {http1, http2}) {
            HttpResponse<String> response = send(client, postJson("/echo", large).build());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).isEqualTo("{\"error\":\"Payload too large\"}");
        }
    }

    @Test
    void accepts_a_body_exactly_at_the_limit() throws Exception {
        String body = "{\"a\":\"" + "x".repeat(1024 - 8) + "\"}";
        assertThat(body).hasSize(1024);

        assertThat(send(http1, postJson("/echo", body).build()).statusCode()).isEqualTo(200);
    }

    @Test
    void answers_431_for_headers_over_the_limit() throws Exception {
        HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri("/echo"))
                .header("X-Padding", "p".repeat(4000)).GET().build());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.body()).isEqualTo("{\"error\":\"Request header fields too large\"}");
    }

    @Test
    void answers_500_without_the_exception_when_a_handler_throws() throws Exception {
        for (String path : new String[] {"/fails", "/fails-later"}) {
            HttpResponse<String> response = send(http1, HttpRequest.newBuilder(uri(path)).GET().build());

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"error\":\"Internal server error\"}");
            assertThat(response.headers().firstValue("x-correlation-id")).isPresent();
            assertThat(response.headers().map().toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void keeps_an_http1_connection_alive_across_requests() throws Exception {
        try (SSLSocket socket = tlsSocket()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write(("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(readHead(in)).startsWith("HTTP/1.1 204");
            }
        }
    }

    @Test
    void answers_pipelined_http1_requests_in_order() throws Exception {
        try (SSLSocket socket = tlsSocket()) {
            socket.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    + "GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();

            assertThat(readHead(in)).startsWith("HTTP/1.1 204");
            String second = readHead(in);
            assertThat(second).startsWith("HTTP/1.1 404");
        }
    }

    @Test
    void closes_an_idle_connection() throws Exception {
        IssuedCredential credential = pki.issueServerCertificate("idle");
        try (ApiServer impatient = ApiServer.builder()
                .settings(ApiServerSettings.loopback().withIdleTimeout(Duration.ofMillis(200)))
                .tlsCredential(credential.privateKey(), credential.chain())
                .build()
                .start();
                SSLSocket socket = (SSLSocket) TlsClients.trusting(pki.localCaCertificate()).getSocketFactory()
                        .createSocket("localhost", impatient.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();

            assertThat(readToEnd(socket.getInputStream())).isEmpty();
        }
    }

    @Test
    void closes_a_plain_http_connection_without_answering() throws Exception {
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            assertThat(new String(readToEnd(socket.getInputStream()), StandardCharsets.ISO_8859_1))
                    .doesNotContain("HTTP/1.1");
        }
    }

    @Test
    void refuses_to_build_without_a_tls_credential() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tlsCredential");
    }

    @Test
    void refuses_two_routes_for_one_method_and_path() {
        IssuedCredential credential = pki.issueServerCertificate("twice");
        ApiHandler handler = request -> CompletableFuture.completedFuture(ApiResponse.empty(200));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.builder()
                        .tlsCredential(credential.privateKey(), credential.chain())
                        .route(Route.get("/a", handler)).route(Route.get("/a", handler)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /a");
    }

    private static SSLSocket tlsSocket() throws IOException {
        SSLSocket socket = (SSLSocket) TlsClients.trusting(pki.localCaCertificate()).getSocketFactory()
                .createSocket("localhost", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads a response head and its Content-Length body; returns the head. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        try {
            return in.readAllBytes();
        } catch (SocketException e) {
            return new byte[0]; // reset by the server: closed as well
        }
    }
}
