package dev.onvifcloud.uplink.it;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.device.UplinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The acceptor's cap on connections between accept and upgrade. */
class AcceptorAdmissionTest {

    private static UplinkTransport transport;

    @BeforeAll
    static void threads() {
        transport = UplinkTransport.create(2);
    }

    @AfterAll
    static void stopThreads() {
        transport.close();
    }

    @Test
    void connections_over_the_upgrade_cap_are_closed_before_the_handshake_and_admitted_once_a_slot_frees()
            throws Exception {
        try (TestCloud cloud = TestCloud.start(transport, b -> b.maxConcurrentUpgrades(2));
             Socket first = new Socket("127.0.0.1", cloud.port());
             Socket second = new Socket("127.0.0.1", cloud.port())) {
            // two connections that never start their TLS handshake hold both slots
            await().atMost(TestCloud.PATIENCE).until(() -> cloud.acceptor.upgradesInProgress() == 2);

            try (Socket third = new Socket("127.0.0.1", cloud.port())) {
                third.setSoTimeout(30_000); // a guard: the cloud must close it, never hang
                assertThat(readToEnd(third.getInputStream())).isZero(); // closed without a byte (no handshake)
            }
            assertThat(cloud.acceptor.refusedConnections()).isEqualTo(1);
            assertThat(cloud.acceptor.upgradesInProgress()).isEqualTo(2);

            first.close();
            await().atMost(TestCloud.PATIENCE).until(() -> cloud.acceptor.upgradesInProgress() == 1);
            try (UplinkConnector camera = Cameras.withToken(transport, cloud.url(), "cam-admitted",
                    new TestCameraHandler("a")).build()) {
                camera.start();
                Cameras.awaitStatus(camera, s -> s.status() == ConnectionStatus.Connected);
                var session = await().atMost(TestCloud.PATIENCE)
                        .until(() -> cloud.acceptor.sessions().find(new CameraIdentity("cam-admitted")),
                                java.util.Optional::isPresent).orElseThrow();
                assertThat(session.send(UplinkRequest.get("/info")).orTimeout(30, TimeUnit.SECONDS).join().status())
                        .isEqualTo(200);
                // an upgraded session holds no slot
                assertThat(cloud.acceptor.upgradesInProgress()).isEqualTo(1);
            }
        }
    }

    private static int readToEnd(InputStream in) throws IOException {
        int count = 0;
        try {
            while (in.read() >= 0) {
                count++;
            }
        } catch (SocketException reset) {
            // a reset is a close too
        }
        return count;
    }
}
