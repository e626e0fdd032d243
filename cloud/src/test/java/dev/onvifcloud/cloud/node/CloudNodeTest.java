package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudNodeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SERIAL = "SN-NODE-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(2), 0.1);

    @TempDir
    Path directory;

    @Test
    void claims_a_camera_and_issues_a_share_token_that_still_verifies_after_a_restart() throws Exception {
        Path pkiDirectory = directory.resolve("pki");
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate()))).build();
        NodeSettings settings = NodeSettings.loopback("mcs-test");
        String token;
        int apiPort;
        int uplinkPort;
        try (CloudNode node = mcs(pki, claimCodes, settings).start()) {
            apiPort = node.apiUri().getPort();
            uplinkPort = node.uplinkUri().getPort();
            OwnerApiKey owner = node.bootstrapOwner("alice");
            try (Camera camera = camera(pki, node.uplinkUri())) {
                ProvisioningRole role = node.role(ProvisioningRole.class).orElseThrow();
                await().atMost(PATIENCE).until(() -> role.registry().isOnline(SERIAL));
                await().atMost(PATIENCE).until(() -> node.database().devices().findBySerialNumber(SERIAL)
                        .map(device -> device.claimable()).orElse(false));

                HttpResponse<String> claimed = post(http, node.apiUri(), "/api/v1/devices/" + SERIAL + "/claim",
                        owner.apiKey(), "{\"claimCode\":\"" + claimCodes.claimCode(SERIAL) + "\"}");
                assertThat(claimed.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(claimed.body()).get("state").asText()).isEqualTo("claimed");

                HttpResponse<String> issued = post(http, node.apiUri(), "/api/v1/devices/" + SERIAL + "/share-tokens",
                        owner.apiKey(), "{\"mode\":\"share\"}");
                assertThat(issued.statusCode()).isEqualTo(201);
                token = JSON.readTree(issued.body()).get("shareToken").asText();
            }
        }

        try (CloudNode again = mcs(pki, claimCodes, settings.withPorts(apiPort, uplinkPort)).start()) {
            PublicJwkSet keys = PublicJwkSet.parse(get(http, again.apiUri(), "/.well-known/jwks.json").body());
            ShareToken verified = new ShareTokenVerifier(keys,
                    ShareTokenPolicy.defaults().withExpectedIssuer(again.apiUri().toString()), Clock.systemUTC())
                    .verify(token);
            assertThat(verified.claims().serialNumber()).isEqualTo(SERIAL);
            assertThat(again.database().devices().findBySerialNumber(SERIAL).orElseThrow().state())
                    .isEqualTo(DeviceState.CLAIMED);
            try (Camera camera = camera(pki, again.uplinkUri())) {
                ProvisioningRole role = again.role(ProvisioningRole.class).orElseThrow();
                await().atMost(PATIENCE).until(() -> role.registry().isOnline(SERIAL));
            }
        }
    }

    @Test
    void keeps_its_keys_and_pki_in_files_only_the_owner_can_read() throws Exception {
        Path pkiDirectory = directory.resolve("pki");
        DevelopmentPki first = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        DevelopmentPki second = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        NodeKeys keys = new NodeKeys(directory.resolve("keys"));
        String keyId = keys.signingKey(NodeKeys.SHARE_TOKEN).getKeyID();

        assertThat(second.localCaCertificate()).isEqualTo(first.localCaCertificate());
        assertThat(second.manufacturerCaCertificate()).isEqualTo(first.manufacturerCaCertificate());
        assertThat(new NodeKeys(directory.resolve("keys")).signingKey(NodeKeys.SHARE_TOKEN).getKeyID())
                .isEqualTo(keyId);
        List<Path> secrets = List.of(pkiDirectory.resolve(DevelopmentPki.LOCAL_CA_PRIVATE_KEY),
                pkiDirectory.resolve(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY),
                directory.resolve("keys").resolve("share-token.jwk"));
        for (Path secret : secrets) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        }
    }

    @Test
    void refuses_an_incomplete_pki_directory_instead_of_overwriting_it() throws Exception {
        Path pkiDirectory = directory.resolve("pki");
        Files.createDirectories(pkiDirectory);
        Files.writeString(pkiDirectory.resolve(DevelopmentPki.LOCAL_CA_CERTIFICATE), "not a certificate");

        assertThatThrownBy(() -> DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
        assertThat(Files.readString(pkiDirectory.resolve(DevelopmentPki.LOCAL_CA_CERTIFICATE)))
                .isEqualTo("not a certificate");
    }

    @Test
    void factory_claim_codes_are_stable_per_secret_and_differ_between_cameras() {
        FactoryClaimCodes codes = FactoryClaimCodes.openOrCreate(directory);
        FactoryClaimCodes reopened = FactoryClaimCodes.openOrCreate(directory);
        FactoryClaimCodes other = new FactoryClaimCodes(new byte[32]);

        assertThat(codes.claimCode("SN-1")).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")
                .isEqualTo(reopened.claimCode("SN-1"))
                .isNotEqualTo(codes.claimCode("SN-2"))
                .isNotEqualTo(other.claimCode("SN-1"));
    }

    @Test
    void serves_the_routes_of_every_role_and_starts_and_closes_roles_in_order() throws Exception {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        List<String> lifecycle = new ArrayList<>();
        NodeRole.Factory extra = context -> new NodeRole() {
            @Override
            public String name() {
                return "extra";
            }

            @Override
            public List<Route> routes() {
                return List.of(Route.get("/extra", request -> CompletableFuture.completedFuture(
                        ApiResponse.text(200, "text/plain", "extra at " + context.apiUri()))));
            }

            @Override
            public void start() {
                lifecycle.add("start extra");
            }

            @Override
            public void close() {
                lifecycle.add("close extra");
            }
        };
        HttpClient http = HttpClient.newBuilder()
                .sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate()))).build();
        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("node")).pki(pki)
                .role(ProvisioningRole.factory(Optional.empty())).role(extra).build().start()) {
            assertThat(get(http, node.apiUri(), "/extra").body()).isEqualTo("extra at " + node.apiUri());
            assertThat(get(http, node.apiUri(), "/.well-known/jwks.json").statusCode()).isEqualTo(200);
            assertThat(lifecycle).containsExactly("start extra");
        }
        assertThat(lifecycle).containsExactly("start extra", "close extra");
    }

    @Test
    void a_node_without_a_role_or_pki_is_refused_naming_both() {
        assertThatThrownBy(() -> CloudNode.builder().dataDirectory(directory).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pki is required").hasMessageContaining("at least one role");
    }

    private CloudNode mcs(DevelopmentPki pki, FactoryClaimCodes claimCodes, NodeSettings settings) {
        return CloudNode.builder().dataDirectory(directory.resolve("mcs")).pki(pki).settings(settings)
                .role(ProvisioningRole.factory(Optional.of(claimCodes))).build();
    }

    private Camera camera(DevelopmentPki pki, URI uplink) {
        IssuedCredential birth = pki.issueBirthCertificate("Acme", "CloudCam 1", SERIAL);
        return Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory.resolve("camera")).reconnectSchedule(QUICK)
                .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                        Optional.of(uplink), List.of(pki.localCaCertificate())))
                .build().start();
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String path, String apiKey, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

}
