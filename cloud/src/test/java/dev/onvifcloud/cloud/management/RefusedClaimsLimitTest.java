package dev.onvifcloud.cloud.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.RateLimit;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.notification.NotificationWorld;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An account's refused claims are limited: a burst, then a rate; what succeeds costs nothing. */
class RefusedClaimsLimitTest {

    private static final String CODE = "code-42";

    @TempDir
    Path directory;

    private NotificationWorld world;
    private ApiServer server;
    private HttpClient client;
    private IssuedApiKey owner;
    private IssuedApiKey other;

    @BeforeEach
    void start() throws Exception {
        world = new NotificationWorld(directory);
        ShareTokenIssuer issuer = new ShareTokenIssuer(new ECKeyGenerator(Curve.P_256).keyID("k").generate(),
                "https://pcs.test", world.clock);
        ManagementApi management = new ManagementApi(world.database, issuer,
                ManagementSettings.defaults(URI.create("https://pcs.test/")).withRefusedClaims(new RateLimit(2, 0.1)),
                world.clock);
        IssuedCredential credential = world.pki.issueServerCertificate("pcs.test");
        server = ApiServer.builder().settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain()).routes(management.routes()).build().start();
        client = TlsClients.httpClient(world.pki.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        owner = world.database.apiKeys().issue(world.owner.id(), "owner", world.clock.instant());
        other = world.database.apiKeys().issue(world.database.accounts().create("other-" + UUID.randomUUID(),
                world.clock.instant()).id(), "other", world.clock.instant());
    }

    @AfterEach
    void stop() {
        server.close();
        world.close();
    }

    private String camera() {
        String serial = "SN-L-" + UUID.randomUUID();
        world.database.devices().recordSeen(new DeviceInformation("Acme", "Cam-1", "1.0", serial, "hw"),
                world.clock.instant());
        world.database.devices().setClaimCode(serial, ClaimCodeHash.of(CODE, new SecureRandom()));
        return serial;
    }

    private HttpResponse<String> claim(IssuedApiKey key, String serial, String code) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port()
                        + "/api/v1/devices/" + serial + "/claim"))
                .header("Authorization", "Bearer " + key.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"claimCode\":\"" + code + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long auditedClaims() {
        return world.database.auditLog().find(AuditQuery.first(1000)).stream().map(entry -> entry.event().action())
                .filter(action -> action.startsWith("device.claim")).count();
    }

    @Test
    void after_its_burst_of_refused_claims_an_account_waits_even_with_the_right_code() throws Exception {
        String serial = camera();
        assertThat(claim(owner, serial, "wrong-1").statusCode()).isEqualTo(403);
        assertThat(claim(owner, serial, "wrong-2").statusCode()).isEqualTo(403);

        HttpResponse<String> limited = claim(owner, serial, CODE);

        OpenApiConformance.assertConforms("/api/v1/devices/{serial}/claim", 429, limited);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("10");
        assertThat(new ObjectMapper().readTree(limited.body()).path("error").asText()).contains("Too many refused");
        assertThat(auditedClaims()).isEqualTo(2);
        assertThat(world.database.devices().findBySerialNumber(serial).orElseThrow().owner()).isEmpty();

        world.clock.advance(Duration.ofSeconds(10));
        assertThat(claim(owner, serial, CODE).statusCode()).isEqualTo(200);
    }

    @Test
    void claims_that_succeed_or_find_an_owner_cost_nothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            String serial = camera();
            assertThat(claim(owner, serial, CODE).statusCode()).isEqualTo(200);
            assertThat(claim(owner, serial, CODE).statusCode()).isEqualTo(409);
        }

        assertThat(claim(owner, camera(), "wrong").statusCode()).isEqualTo(403);
        assertThat(claim(owner, camera(), "wrong").statusCode()).isEqualTo(403);
        assertThat(claim(owner, camera(), "wrong").statusCode()).isEqualTo(429);
    }

    @Test
    void one_account_being_limited_leaves_the_others_alone() throws Exception {
        claim(owner, camera(), "wrong");
        claim(owner, camera(), "wrong");
        assertThat(claim(owner, camera(), CODE).statusCode()).isEqualTo(429);

        assertThat(claim(other, camera(), CODE).statusCode()).isEqualTo(200);
    }
}
