package dev.onvifcloud.cloud.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.cloud.http.ApiHandler;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.security.assertion.ClientAssertion;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.testing.SettableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An authorization server over real HTTPS on loopback (development PKI minted per run) with an H2 database in a
 * temporary directory. The HTTPS routes forward to the current {@link AuthorizationServer}, so that the database
 * and the authorization server can be re-opened behind the same URL, as a restarted node would be.
 */
final class AuthorizationWorld implements AutoCloseable {

    static final String UPLINK = "wss://localhost/uplink";
    private static final List<String[]> PATHS = List.of(
            new String[] {"GET", "/.well-known/oauth-authorization-server"},
            new String[] {"GET", "/.well-known/openid-configuration"},
            new String[] {"GET", "/oauth2/jwks.json"},
            new String[] {"POST", "/oauth2/token"});

    final SettableClock clock = new SettableClock(Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
    final DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
    final ECKey signingKey = newKey("as-key-1");
    final HttpClient http;
    private final Path dataDirectory;
    private final UnaryOperator<AuthorizationServerSettings.Builder> configure;
    private final ExecutorService lookups = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "uplink-lookup");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ApiHandler> handlers = new ConcurrentHashMap<>();
    private final ApiServer server;
    Database database;
    AuthorizationServer authorizationServer;

    AuthorizationWorld(Path tempDir, UnaryOperator<AuthorizationServerSettings.Builder> configure) {
        this.dataDirectory = tempDir.resolve("data");
        this.configure = configure;
        IssuedCredential credential = pki.issueServerCertificate("localhost");
        ApiServer.Builder builder = ApiServer.builder()
                .settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain());
        for (String[] route : PATHS) {
            String key = route[0] + " " + route[1];
            builder.route(new Route(route[0], route[1], dev.onvifcloud.cloud.http.RequestBody.NONE,
                    request -> handlers.get(key).handle(request)));
        }
        server = builder.build().start();
        http = TlsClients.httpClient(pki.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        open();
    }

    AuthorizationWorld(Path tempDir) {
        this(tempDir, UnaryOperator.identity());
    }

    /** Opens the database and an authorization server over it. */
    private void open() {
        database = Database.open(DatabaseSettings.h2(dataDirectory));
        AuthorizationServerSettings settings = configure.apply(
                AuthorizationServerSettings.builder(issuer(), URI.create(UPLINK))).build();
        authorizationServer = AuthorizationServer.builder(settings)
                .signingKey(signingKey)
                .storage(database)
                .clock(clock)
                .lookupExecutor(lookups)
                .build();
        for (Route route : authorizationServer.routes()) {
            handlers.put(route.method() + " " + route.path(), route.handler());
        }
    }

    /** Closes the database and opens it again with a new authorization server, behind the same URL. */
    void restart() {
        database.close();
        open();
    }

    URI issuer() {
        return URI.create("https://localhost:" + server.port());
    }

    URI tokenEndpoint() {
        return URI.create(issuer() + "/oauth2/token");
    }

    /** A client with its key registered (the JWK carries a kid of its own, which assertions do not use). */
    ECKey registeredClient(String clientId) {
        ECKey key = newKey("registered-" + clientId);
        database.clients().createPending(clientId, clock.instant());
        database.clients().registerKey(clientId, key.toPublicJWK().toJSONString(), clock.instant()).value();
        return key;
    }

    ClientAssertion assertion(String clientId, ECKey key) {
        return assertion(clientId, key, tokenEndpoint().toString(), clock);
    }

    static ClientAssertion assertion(String clientId, ECKey key, String audience, Clock clock) {
        try {
            return new ClientAssertionIssuer(clientId, "camera-KeyID-1", key.toECPrivateKey(), clock).create(audience);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> grant(String assertion) {
        return new java.util.LinkedHashMap<>(Map.of(
                "grant_type", "client_credentials",
                "client_assertion_type", ClientAssertion.ASSERTION_TYPE,
                "client_assertion", assertion));
    }

    HttpResponse<String> postForm(Map<String, String> form) throws Exception {
        return postRaw(form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")), "application/x-www-form-urlencoded");
    }

    HttpResponse<String> postRaw(String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(tokenEndpoint()).header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    List<AuditEntry> audit(String action) {
        return database.auditLog().find(AuditQuery.first(1000)).stream()
                .filter(entry -> entry.event().action().equals(action)).toList();
    }

    @Override
    public void close() {
        server.close();
        database.close();
        lookups.shutdownNow();
    }

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
