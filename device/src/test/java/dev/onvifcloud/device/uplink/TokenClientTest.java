package dev.onvifcloud.device.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Failure;
import dev.onvifcloud.device.uplink.StandInAuthorizationServer.Answer;
import dev.onvifcloud.device.uplink.TokenClient.TokenException;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.AccessToken;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token client's HTTP against a stand-in authorization server over real TLS on loopback: one kept-open
 * connection for metadata and token, {@code Connection: close} and idle connections, the size limit, redirects,
 * the server's certificate and host name, and failures to connect.
 */
class TokenClientTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final KeyPair KEY = ecKeyPair();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final AuthorizationServerHttp.Limits SHORT_IDLE = new AuthorizationServerHttp.Limits(
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(200), 64 * 1024);
    private static final AuthorizationServerHttp.Limits SHORT_REQUEST = new AuthorizationServerHttp.Limits(
            Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofSeconds(30), 64 * 1024);

    private final UplinkTransport transport = UplinkTransport.create(1);
    private final ExecutorService signerThread = Executors.newSingleThreadExecutor();
    private final AtomicInteger signings = new AtomicInteger();
    private StandInAuthorizationServer server;
    private TokenClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        signerThread.shutdownNow();
        transport.close();
    }

    private StandInAuthorizationServer start(IssuedCredential credential) throws Exception {
        server = new StandInAuthorizationServer(credential);
        return server;
    }

    private StandInAuthorizationServer start() throws Exception {
        return start(PKI.issueServerCertificate("as.test"));
    }

    private TokenClient client(URI serverUri, AuthorizationServerHttp.Limits limits, List<X509Certificate> anchors) {
        AuthorizationServerConfigurationData configuration = AuthorizationServerConfigurationData.privateKeyJwt(
                serverUri, "camera-1", new KeyID("key-1"), new CertificateID("cert-1"), Optional.empty(),
                Optional.empty());
        client = new TokenClient(configuration, KEY.getPrivate(), anchors, Clock.systemUTC(), Duration.ofSeconds(60),
                transport, task -> {
                    signings.incrementAndGet();
                    signerThread.execute(task);
                }, limits);
        return client;
    }

    private TokenClient client(URI serverUri) {
        return client(serverUri, TokenClient.LIMITS, List.of(PKI.localCaCertificate()));
    }

    private static AccessToken token(TokenClient client, Optional<AccessToken> refused) throws Exception {
        return client.token(refused).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The TokenException the token request failed with. */
    private static TokenException failure(TokenClient client, Optional<AccessToken> refused) {
        Throwable thrown = catchThrowable(() -> token(client, refused));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TokenException.class);
        return (TokenException) thrown.getCause();
    }

    private static Failure.Reason reason(TokenException e) {
        Throwable t = e;
        while (t != null && !(t instanceof Failure)) {
            t = t.getCause();
        }
        assertThat(t).as("transport failure under %s", e.getMessage()).isInstanceOf(Failure.class);
        return ((Failure) t).reason();
    }

    // ------------------------------------------------------------------------------------------ keep-alive

    @Test
    void metadata_and_token_are_fetched_over_one_connection() throws Exception {
        start();
        AccessToken token = token(client(server.issuer()), Optional.empty());

        assertThat(token.value()).isEqualTo("token-1");
        assertThat(server.requests).containsExactly("GET " + StandInAuthorizationServer.METADATA_PATH, "POST /token");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void a_refused_token_is_replaced_over_the_kept_open_connection() throws Exception {
        start();
        TokenClient client = client(server.issuer());
        AccessToken first = token(client, Optional.empty());

        AccessToken second = token(client, Optional.of(first));

        assertThat(second).isNotEqualTo(first);
        assertThat(server.count("POST /token")).isEqualTo(2);
        assertThat(server.count("GET " + StandInAuthorizationServer.METADATA_PATH)).isEqualTo(1);
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void after_the_server_answers_connection_close_the_next_request_opens_a_new_connection() throws Exception {
        start();
        server.sayConnectionClose.set(true); // and leaves the closing to the client

        token(client(server.issuer()), Optional.empty());

        assertThat(server.requests).hasSize(2);
        assertThat(server.accepted).hasValue(2);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(server.closed).hasValue(2));
    }

    @Test
    void an_idle_connection_is_closed_and_the_next_request_opens_a_new_one() throws Exception {
        start();
        TokenClient client = client(server.issuer(), SHORT_IDLE, List.of(PKI.localCaCertificate()));
        AccessToken first = token(client, Optional.empty());
        int opened = server.accepted.get();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(server.closed).hasValue(opened));
        token(client, Optional.of(first));

        assertThat(server.accepted).hasValue(opened + 1);
    }

    @Test
    void closing_the_client_closes_the_kept_open_connection() throws Exception {
        start();
        TokenClient client = client(server.issuer());
        AccessToken first = token(client, Optional.empty());

        client.close();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(server.closed).hasValue(1));
        assertThat(reason(failure(client, Optional.of(first)))).isEqualTo(Failure.Reason.CLOSED);
    }

    @Test
    void a_get_on_a_kept_open_connection_the_server_dropped_is_sent_again_on_a_new_one() throws Exception {
        start();
        // 404 at the RFC 8414 location keeps the connection; the server then drops the openid-configuration GET
        server.script(StandInAuthorizationServer.METADATA_PATH, Answer.json(404, "{}"));
        server.script(StandInAuthorizationServer.OPENID_PATH, Answer.DROP, server.metadata());

        AccessToken token = token(client(server.issuer()), Optional.empty());

        assertThat(token.value()).isEqualTo("token-1");
        assertThat(server.count("GET " + StandInAuthorizationServer.OPENID_PATH)).isEqualTo(2);
        assertThat(server.accepted).hasValue(2);
    }

    @Test
    void a_token_post_the_server_dropped_is_not_sent_again() throws Exception {
        start();
        TokenClient client = client(server.issuer());
        AccessToken first = token(client, Optional.empty());
        server.script("/token", Answer.DROP);

        TokenException dropped = failure(client, Optional.of(first));

        assertThat(reason(dropped)).isEqualTo(Failure.Reason.CONNECTION_CLOSED);
        assertThat(server.count("POST /token")).isEqualTo(2);
        assertThat(token(client, Optional.of(first)).value()).isEqualTo("token-2"); // the uplink's retry
        assertThat(server.accepted).hasValue(2);
    }

    // ------------------------------------------------------------------------------------------ limits

    @Test
    void a_metadata_response_over_64_KiB_is_refused() throws Exception {
        start();
        server.script(StandInAuthorizationServer.METADATA_PATH, Answer.json(200, padded(64 * 1024 + 1)));
        server.script(StandInAuthorizationServer.OPENID_PATH, Answer.json(200, padded(64 * 1024 + 1)));

        TokenException refused = failure(client(server.issuer()), Optional.empty());

        assertThat(reason(refused)).isEqualTo(Failure.Reason.RESPONSE_TOO_LARGE);
        assertThat(refused.getMessage()).contains("metadata is too large");
        assertThat(server.count("POST /token")).isZero();
    }

    @Test
    void a_metadata_response_of_exactly_64_KiB_is_read() throws Exception {
        start();
        server.script(StandInAuthorizationServer.METADATA_PATH, Answer.json(200, padded(64 * 1024)));

        assertThat(token(client(server.issuer()), Optional.empty()).value()).isEqualTo("token-1");
    }

    @Test
    void a_chunked_token_response_over_64_KiB_is_refused() throws Exception {
        start();
        server.script("/token", Answer.chunkedJson("{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"pad\":\""
                + "p".repeat(64 * 1024) + "\"}"));

        TokenException refused = failure(client(server.issuer()), Optional.empty());

        assertThat(reason(refused)).isEqualTo(Failure.Reason.RESPONSE_TOO_LARGE);
        assertThat(refused.getMessage()).contains("token is too large");
    }

    @Test
    void an_authorization_server_that_does_not_answer_in_time_fails_the_request() throws Exception {
        start();
        server.script(StandInAuthorizationServer.METADATA_PATH, Answer.HANG);
        server.script(StandInAuthorizationServer.OPENID_PATH, Answer.HANG);

        TokenException late = failure(client(server.issuer(), SHORT_REQUEST, List.of(PKI.localCaCertificate())),
                Optional.empty());

        assertThat(reason(late)).isEqualTo(Failure.Reason.TIMEOUT);
        assertThat(server.count("GET " + StandInAuthorizationServer.OPENID_PATH)).isEqualTo(1);
    }

    @Test
    void a_redirect_is_not_followed() throws Exception {
        start();
        server.script("/token", Answer.redirect(307, server.issuer() + "/token2"));

        TokenException refused = failure(client(server.issuer()), Optional.empty());

        assertThat(refused.getMessage()).contains("HTTP 307");
        assertThat(server.requests).doesNotContain("POST /token2", "GET /token2");
    }

    // ------------------------------------------------------------------------------------------ TLS, connecting

    @Test
    void a_server_certificate_for_another_host_name_is_refused() throws Exception {
        start(PKI.issueServerCertificate("as.test", List.of("as.test"), List.of()));

        TokenException refused = failure(client(server.issuer()), Optional.empty());

        assertThat(reason(refused)).isEqualTo(Failure.Reason.TLS);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void a_server_certificate_from_another_ca_is_refused() throws Exception {
        start(DevelopmentPki.generate(Clock.systemUTC()).issueServerCertificate("as.test"));

        TokenException refused = failure(client(server.issuer()), Optional.empty());

        assertThat(reason(refused)).isEqualTo(Failure.Reason.TLS);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void a_refused_connection_is_reported_with_the_host() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        TokenException refused = failure(client(URI.create("https://localhost:" + port)), Optional.empty());

        assertThat(reason(refused)).isEqualTo(Failure.Reason.CANNOT_CONNECT);
        assertThat(refused.getMessage()).contains("cannot reach the authorization server for metadata (localhost)");
    }

    // ------------------------------------------------------------------------------------------ threads

    @Test
    void the_client_assertion_is_signed_on_the_signer_and_verifiable_by_its_audience() throws Exception {
        start();
        TokenClient client = client(server.issuer());
        AccessToken first = token(client, Optional.empty());
        token(client, Optional.empty()); // cached: nothing signed

        token(client, Optional.of(first));

        assertThat(signings).hasValue(2);
        assertThat(server.assertions).hasSize(2).doesNotHaveDuplicates();
        assertThat(com.nimbusds.jwt.SignedJWT.parse(server.assertions.get(0)).getJWTClaimsSet().getAudience())
                .containsExactly(server.issuer() + "/token");
    }

    private String padded(int size) {
        String document = server.metadata().body();
        String head = document.substring(0, document.length() - 1) + ",\"pad\":\"";
        return head + "p".repeat(size - head.length() - 2) + "\"}";
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
