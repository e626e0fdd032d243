package dev.onvifcloud.device;

import static dev.onvifcloud.device.EndToEndTest.send;
import static dev.onvifcloud.device.TestCameras.PATIENCE;
import static dev.onvifcloud.device.TestCameras.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.SystemReboot;
import dev.onvifcloud.soap.uplink.ConnectionStatus;
import dev.onvifcloud.soap.uplink.GetUplinks;
import dev.onvifcloud.soap.uplink.UplinkOperations;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory uplink over the network: SystemReboot through it, and a {@code wss://} MCS address. */
class UplinkLifecycleTest {

    private static final String SERIAL = "SN-LIFE-1";

    @TempDir
    Path directory;

    private final UplinkTransport transport = UplinkTransport.create(2);
    private UplinkAcceptor mcs;
    private Camera camera;

    @BeforeEach
    void startMcs() {
        mcs = UplinkAcceptor.builder().transport(transport)
                .serverCredential(TestCameras.credential(PKI.issueServerCertificate("mcs.test")))
                .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(c ->
                        BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                .requestTimeout(PATIENCE).build().start();
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
        mcs.close();
        transport.close();
    }

    private Camera startCamera(String scheme) {
        URI address = URI.create(scheme + "://localhost:" + mcs.localAddress().getPort() + "/uplink");
        camera = Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory).transport(transport).reconnectSchedule(TestCameras.FAST)
                .factoryDefaults(new FactoryDefaults(TestCameras.birthCredential(SERIAL), Optional.of(address),
                        List.of(PKI.localCaCertificate())))
                .build().start();
        return camera;
    }

    private UplinkSession session() {
        return await().atMost(PATIENCE).until(() -> mcs.sessions().find(new CameraIdentity(SERIAL))
                .filter(UplinkSession::isOpen).orElse(null), s -> s != null);
    }

    @Test
    void system_reboot_answers_then_the_uplinks_drop_and_come_back() throws Exception {
        startCamera("https");
        UplinkSession before = session();

        assertThat(send(before, DeviceOperations.SYSTEM_REBOOT, new SystemReboot()).message()).isNotBlank();

        await().atMost(PATIENCE).until(() -> !before.isOpen());
        UplinkSession after = await().atMost(PATIENCE).until(() -> mcs.sessions().find(new CameraIdentity(SERIAL))
                .filter(UplinkSession::isOpen).filter(s -> s != before).orElse(null), s -> s != null);
        assertThat(send(after, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation()).serialNumber())
                .isEqualTo(SERIAL);
        assertThat(camera.state().uplinks()).hasSize(1); // the configuration is untouched
    }

    @Test
    void a_factory_uplink_to_a_wss_address_serves_the_cloud() throws Exception {
        startCamera("wss");
        UplinkSession session = session();

        assertThat(send(session, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation()).model())
                .isEqualTo("CloudCam 1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(send(session, UplinkOperations.GET_UPLINKS,
                new GetUplinks()).configurations()).singleElement().satisfies(c -> {
                    assertThat(c.remoteAddress().getScheme()).isEqualTo("wss");
                    assertThat(c.status()).contains(ConnectionStatus.Connected);
                    assertThat(c.error()).isEmpty();
                }));
    }
}
