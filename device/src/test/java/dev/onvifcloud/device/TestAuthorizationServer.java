package dev.onvifcloud.device;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.onvifcloud.security.assertion.ClientAssertionPolicy;
import dev.onvifcloud.security.assertion.ClientAssertionVerifier;
import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.assertion.InMemoryJtiReplayGuard;
import dev.onvifcloud.security.pki.DevelopmentPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An OAuth authorization server over HTTPS: RFC 8414 metadata and a client_credentials token endpoint
 * (private_key_jwt). Tests can move the metadata, make it name another issuer, or make the token endpoint fail.
 */
final class TestAuthorizationServer implements AutoCloseable {

    /** Where the metadata document is served (the other location answers 404). */
    enum MetadataLocation { OAUTH_AUTHORIZATION_SERVER, OPENID_CONFIGURATION, NOWHERE }

    /** What the token endpoint answers instead of doing its job. */
    record Failure(int status, String contentType, String body) {
    }

    final Map<String, String> issued = new ConcurrentHashMap<>();
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger metadataRequests = new AtomicInteger();
    final AtomicReference<String> lastScope = new AtomicReference<>();
    final AtomicReference<MetadataLocation> metadataAt =
            new AtomicReference<>(MetadataLocation.OAUTH_AUTHORIZATION_SERVER);
    final AtomicReference<Optional<String>> namedIssuer = new AtomicReference<>(Optional.empty());
    final AtomicReference<Optional<Failure>> tokenFailure = new AtomicReference<>(Optional.empty());
    private final Map<String, ClientRegistration> clients = new ConcurrentHashMap<>();
    private final HttpsServer server;
    private final ClientAssertionVerifier verifier;

    TestAuthorizationServer(DevelopmentPki pki) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("localhost", 0), 0);
        var credential = pki.issueServerCertificate("as.test");
        KeyStore keys = credential.toKeyStore("pw".toCharArray());
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        verifier = new ClientAssertionVerifier(ClientAssertionPolicy.defaults(Set.of(tokenEndpoint().toString())),
                new InMemoryJtiReplayGuard(1000, Clock.systemUTC()), Clock.systemUTC());
        server.createContext("/.well-known/oauth-authorization-server",
                exchange -> metadata(exchange, MetadataLocation.OAUTH_AUTHORIZATION_SERVER));
        server.createContext("/.well-known/openid-configuration",
                exchange -> metadata(exchange, MetadataLocation.OPENID_CONFIGURATION));
        server.createContext("/token", this::token);
        server.start();
    }

    void register(ClientRegistration client) {
        clients.put(client.clientId(), client);
    }

    URI issuer() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    URI tokenEndpoint() {
        return URI.create(issuer() + "/token");
    }

    private void metadata(HttpExchange exchange, MetadataLocation location) throws IOException {
        metadataRequests.incrementAndGet();
        if (metadataAt.get() != location) {
            answer(exchange, 404, "text/plain", "not here");
            return;
        }
        String issuer = namedIssuer.get().orElse(issuer().toString());
        answer(exchange, 200, "application/json", "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\""
                + tokenEndpoint() + "\",\"grant_types_supported\":[\"client_credentials\"]}");
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        Optional<Failure> failure = tokenFailure.get();
        if (failure.isPresent()) {
            answer(exchange, failure.get().status(), failure.get().contentType(), failure.get().body());
            return;
        }
        int status = 400;
        String body = "{\"error\":\"invalid_client\"}";
        ClientRegistration client = clients.get(form.getOrDefault("client_id", ""));
        if (client != null && "client_credentials".equals(form.get("grant_type"))) {
            try {
                verifier.verify(form.get("client_assertion"), client);
                String token = UUID.randomUUID().toString();
                issued.put(token, client.clientId());
                lastScope.set(form.get("scope"));
                status = 200;
                body = "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}";
            } catch (Exception e) {
                body = "{\"error\":\"invalid_client\"}";
            }
        }
        answer(exchange, status, "application/json", body);
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
