package dev.onvifcloud.device;

import static dev.onvifcloud.device.EndToEndTest.send;
import static dev.onvifcloud.device.TestCameras.PATIENCE;
import static dev.onvifcloud.device.TestCameras.PKI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetTest {

    @TempDir
    Path root;

    @Test
    void cameras_of_a_fleet_have_their_own_serial_and_directory_and_all_connect_over_one_transport()
            throws Exception {
        try (UplinkTransport transport = UplinkTransport.create(2);
             UplinkAcceptor mcs = UplinkAcceptor.builder().transport(transport)
                     .serverCredential(TestCameras.credential(PKI.issueServerCertificate("mcs.test")))
                     .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                     .authenticator(UplinkAuthenticator.clientCertificates(c ->
                             BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                     .requestTimeout(PATIENCE).build().start();
             Fleet fleet = Fleet.builder().size(5).serialPrefix("FLEET-").information(TestCameras.INFORMATION)
                     .root(root).birthCertificates(Fleet.BirthCertificateIssuer.of(PKI))
                     .mcs(URI.create("https://localhost:" + mcs.localAddress().getPort() + "/uplink"),
                             List.of(PKI.localCaCertificate()))
                     .transport(transport).reconnectSchedule(TestCameras.FAST).parallelism(2)
                     .build().start()) {

            assertThat(fleet.cameras()).extracting(c -> c.information().serialNumber())
                    .containsExactlyInAnyOrder("FLEET-000000", "FLEET-000001", "FLEET-000002", "FLEET-000003",
                            "FLEET-000004");
            await().atMost(PATIENCE).until(() -> fleet.connected() == 5);
            for (int i = 0; i < 5; i++) {
                String serial = fleet.serialNumber(i);
                assertThat(Files.isDirectory(root.resolve(serial))).isTrue();
                UplinkSession session = mcs.sessions().find(new CameraIdentity(serial)).orElseThrow();
                assertThat(send(session, DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation())
                        .serialNumber()).isEqualTo(serial);
            }
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith("camera-FLEET") || name.startsWith("uplinks-FLEET"));
        }
    }

    @Test
    void a_fleet_names_its_missing_settings() {
        assertThatThrownBy(() -> Fleet.builder().size(1).build())
                .hasMessageContaining("information").hasMessageContaining("root")
                .hasMessageContaining("birthCertificates");
    }
}
