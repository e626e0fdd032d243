package dev.onvifcloud.cloud.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MCS and an OCS without any development PKI, each with a certificate from its own private CA (root, intermediate,
 * leaf), trusting each other's root for their calls to each other, and a camera from a third party's factory: the
 * camera is claimed and shared, and ends up connected to the OCS, having validated the OCS's uplink and
 * authorization server with nothing but the anchor the OCS sent it.
 */
class CloudNodePrivateCaEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(300), Duration.ofSeconds(2), 0.1);
    private static final String SERIAL = "SN-PRIVATE-CA-1";

    @TempDir
    Path directory;

    @Test
    void a_camera_is_shared_between_clouds_with_their_own_certificates() throws Exception {
        PrivateCa mcsCa = PrivateCa.create("MCS Corp");
        PrivateCa ocsCa = PrivateCa.create("OCS Corp");
        DevelopmentPki factory = DevelopmentPki.generate(Clock.systemUTC());
        FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(directory.resolve("factory"));
        HttpClient http = HttpClient.newBuilder()
                .sslContext(DevelopmentTrust.trusting(List.of(mcsCa.root, ocsCa.root))).build();
        IssuedCredential birth = factory.issueBirthCertificate("Acme", "CloudCam 1", SERIAL);

        try (CloudNode mcs = CloudNode.builder().dataDirectory(directory.resolve("mcs"))
                     .tlsIdentity(mcsCa.identity(mcsCa.server("mcs")))
                     .settings(NodeSettings.loopback("mcs-private").forLocalDevelopment()
                             .withOutboundTrust(OutboundTrust.anchors(List.of(ocsCa.root))))
                     .role(ProvisioningRole.factory(Optional.of(claimCodes),
                             List.of(factory.manufacturerCaCertificate())))
                     .build().start();
             CloudNode ocs = CloudNode.builder().dataDirectory(directory.resolve("ocs"))
                     .tlsIdentity(ocsCa.identity(ocsCa.server("ocs")))
                     .settings(NodeSettings.loopback("ocs-private").forLocalDevelopment()
                             .withOutboundTrust(OutboundTrust.anchors(List.of(mcsCa.root))))
                     .role(OperationalRole.factory())
                     .build().start();
             Camera camera = Camera.builder()
                     .information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                     .dataDirectory(directory.resolve("camera")).reconnectSchedule(QUICK)
                     .factoryDefaults(new FactoryDefaults(new TlsCredential(birth.privateKey(), birth.chain()),
                             Optional.of(mcs.uplinkUri()), List.of(mcsCa.root)))
                     .build().start()) {
            assertThat(mcs.pki()).isEmpty();
            assertThat(ocs.pki()).isEmpty();
            String mcsKey = mcs.bootstrapOwner("alice").apiKey();
            String ocsKey = ocs.bootstrapOwner("olivia").apiKey();
            ProvisioningRole provisioning = mcs.role(ProvisioningRole.class).orElseThrow();
            await().atMost(PATIENCE).until(() -> provisioning.registry().isOnline(SERIAL));
            await().atMost(PATIENCE).until(() -> post(http, mcs, "/api/v1/devices/" + SERIAL + "/claim", mcsKey,
                    "{\"claimCode\":\"" + claimCodes.claimCode(SERIAL) + "\"}").statusCode() == 200);
            HttpResponse<String> issued = post(http, mcs, "/api/v1/devices/" + SERIAL + "/share-tokens", mcsKey,
                    "{\"mode\":\"share\"}");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            String token = JSON.readTree(issued.body()).get("shareToken").asText();

            HttpResponse<String> added = post(http, ocs, "/api/v1/cameras", ocsKey,
                    "{\"shareTokens\":[\"" + token + "\"]}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> "connected".equals(state(http, ocs, ocsKey)));
            assertThat(camera.uplinkStatus(ocs.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
            assertThat(camera.uplinkStatus(mcs.uplinkUri()).status()).isEqualTo(ConnectionStatus.Connected);
        }
    }

    private static String state(HttpClient http, CloudNode ocs, String key) throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(ocs.apiUri().resolve("/api/v1/cameras"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        for (JsonNode camera : JSON.readTree(list.body()).get("cameras")) {
            if (SERIAL.equals(camera.path("serialNumber").asText())) {
                return camera.get("state").asText();
            }
        }
        return "absent";
    }

    private static HttpResponse<String> post(HttpClient http, CloudNode node, String path, String key, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(node.apiUri().resolve(path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
