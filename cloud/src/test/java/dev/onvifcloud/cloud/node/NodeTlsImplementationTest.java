package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A node on one TLS implementation serves its HTTPS API and a camera's factory uplink on the other. */
class NodeTlsImplementationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(2), 0.1);

    @TempDir
    Path directory;

    @ParameterizedTest(name = "node {0}, camera {1}")
    @CsvSource({"JDK, OPENSSL", "OPENSSL, JDK"})
    void serves_a_camera_and_an_api_client_on_the_other_implementation(TlsImplementation nodeTls,
                                                                       TlsImplementation cameraTls) throws Exception {
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(directory.resolve("pki"), Clock.systemUTC());
        String serial = "SN-TLS-" + nodeTls;
        IssuedCredential birth = pki.issueBirthCertificate("Acme", "CloudCam 1", serial);
        HttpClient http = HttpClient.newBuilder()
                .sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate()))).build();
        try (CloudNode node = CloudNode.builder().dataDirectory(directory.resolve("mcs")).pki(pki)
                .settings(NodeSettings.loopback("mcs-tls").withTlsImplementation(nodeTls))
                .role(ProvisioningRole.factory(Optional.empty())).build().start();
             Camera camera = Camera.builder()
                     .information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", serial, "HW-1"))
                     .dataDirectory(directory.resolve("camera")).reconnectSchedule(QUICK)
                     .tlsImplementation(cameraTls)
                     .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                             Optional.of(node.uplinkUri()), List.of(pki.localCaCertificate())))
                     .build().start()) {
            ProvisioningRole role = node.role(ProvisioningRole.class).orElseThrow();
            await().atMost(PATIENCE).until(() -> role.registry().isOnline(serial));

            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/.well-known/jwks.json"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(keys.statusCode()).isEqualTo(200);
            assertThat(node.settings().tlsImplementation()).isEqualTo(nodeTls);
            assertThat(node.apiServer().tlsProvider()).isEqualTo(nodeTls.sslProvider());
        }
    }
}
