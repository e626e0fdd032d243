package dev.onvifcloud.cloud.operational;

import static dev.onvifcloud.cloud.management.OpenApiConformance.assertConforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The camera API's answers that need a connected camera, against our OpenAPI document: a real reference camera on
 * the OCS's uplink acceptor (set up as in {@link CameraUplinkTest}), called through the SOAP pass-through.
 */
class CameraOpenApiTest {

    private static final String SERIAL = "SN-OPENAPI-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ReconnectSchedule SLOW = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofSeconds(5), 0.1);

    @TempDir
    static Path directory;

    static OcsWorld world;
    static UplinkTransport transport;
    static UplinkAcceptor acceptor;
    static Camera camera;
    static OcsCamera connected;
    static HttpClient http;

    @BeforeAll
    static void connect() {
        world = new OcsWorld(directory);
        http = TlsClients.httpClient(OcsWorld.PKI.localCaCertificate(), HttpClient.Version.HTTP_1_1);
        ShareToken token = world.token(SERIAL);
        OcsCamera added = world.add(token).get(0);
        String body = "{\"shareToken\":\"" + token.serialized() + "\",\"devicePublicKey\":\"" + Base64.getEncoder()
                .encodeToString(CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=x").der()) + "\"}";
        assertThat(world.service.deviceSharingCompleted(body.getBytes(StandardCharsets.UTF_8), "test").isAccepted())
                .isTrue();
        transport = UplinkTransport.create(2);
        acceptor = UplinkAcceptor.builder().transport(transport)
                .serverCredential(credential(OcsWorld.PKI.issueServerCertificate("localhost")))
                .clientTrustAnchors(List.of(OcsWorld.PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(certificate -> BirthCertificate
                        .serialNumber(certificate).filter(SERIAL::equals)
                        .map(serial -> new CameraIdentity(added.clientId()))))
                .sessionListener(world.cameras)
                .requestTimeout(Duration.ofSeconds(30)).build().start();
        URI uplink = URI.create("https://localhost:" + acceptor.localAddress().getPort() + "/uplink");
        camera = Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory.resolve("camera")).transport(transport).reconnectSchedule(SLOW)
                .factoryDefaults(new FactoryDefaults(credential(OcsWorld.PKI.issueBirthCertificate("Acme",
                        "CloudCam 1", SERIAL)), Optional.of(uplink), List.of(OcsWorld.PKI.localCaCertificate())))
                .build().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> world.cameras.isConnected(added.clientId()));
        connected = world.camera(added.id());
    }

    @AfterAll
    static void disconnect() {
        camera.close();
        acceptor.close();
        transport.close();
        world.close();
    }

    @Test
    void a_soap_call_and_a_connected_camera_conform() throws Exception {
        String path = "/api/v1/cameras/" + connected.id();

        HttpResponse<String> answered = send("POST", path + "/onvif/device",
                "application/soap+xml; charset=utf-8", OperationalOpenApiTest.getDeviceInformation());
        assertConforms(OperationalApi.PASS_THROUGH, 200, answered);
        assertThat(answered.body()).contains(SERIAL);

        HttpResponse<String> shown = send("GET", path, null, null);
        assertConforms(OperationalApi.CAMERA, 200, shown);
        assertThat(MAPPER.readTree(shown.body()).path("state").asText()).isEqualTo("connected");
        assertConforms(OperationalApi.CAMERAS, 200,
                send("GET", OperationalApi.CAMERAS, null, null));
    }

    /** SOAP 1.2 part 2, 7.5.1: a sender fault is 400, VersionMismatch 500; passed on as the camera answered. */
    @Test
    void the_cameras_soap_faults_conform() throws Exception {
        String path = "/api/v1/cameras/" + connected.id() + "/onvif/device";

        HttpResponse<String> sender = send("POST", path, "application/soap+xml", "<env:Envelope");
        HttpResponse<String> versionMismatch = send("POST", path, "application/soap+xml", "<not-an-envelope/>");

        assertConforms(OperationalApi.PASS_THROUGH, 400, sender);
        assertThat(sender.body()).contains("env:Sender");
        assertConforms(OperationalApi.PASS_THROUGH, 500, versionMismatch);
        assertThat(versionMismatch.body()).contains("env:VersionMismatch");
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.api(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + world.ownerKey.key());
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }
}
