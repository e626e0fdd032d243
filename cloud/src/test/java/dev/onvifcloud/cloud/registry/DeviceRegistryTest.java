package dev.onvifcloud.cloud.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry behind a real uplink acceptor, with the reference camera connecting its factory uplink. */
class DeviceRegistryTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void records_a_camera_seen_on_its_factory_uplink_keeps_it_current_and_forgets_it_when_it_goes() {
        try (Database database = Database.open(DatabaseSettings.h2(directory.resolve("db")));
             UplinkTransport transport = UplinkTransport.create(2);
             DeviceRegistry registry = DeviceRegistry.builder().storage(database)
                     .lastSeenInterval(Duration.ofMillis(100)).build();
             UplinkAcceptor acceptor = UplinkAcceptor.builder().transport(transport)
                     .serverCredential(credential(PKI.issueServerCertificate("localhost")))
                     .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                     .authenticator(UplinkAuthenticator.clientCertificates(c ->
                             BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                     .sessionListener(registry).build().start()) {
            assertThat(registry.isOnline("SN-REG-1")).isFalse();
            URI mcs = URI.create("https://localhost:" + acceptor.localAddress().getPort() + "/uplink");
            Camera camera = Camera.builder()
                    .information(new DeviceInformation("Acme", "CloudCam 2", "2.1.0", "SN-REG-1", "HW-2"))
                    .dataDirectory(directory.resolve("camera")).transport(transport)
                    .factoryDefaults(new FactoryDefaults(credential(PKI.issueBirthCertificate("Acme", "CloudCam 2",
                            "SN-REG-1")), Optional.of(mcs), List.of(PKI.localCaCertificate())))
                    .build().start();
            try {
                await().atMost(PATIENCE).until(() -> registry.isOnline("SN-REG-1"));
                OnlineDevice online = registry.online("SN-REG-1").orElseThrow();
                Device device = database.devices().findBySerialNumber("SN-REG-1").orElseThrow();
                assertThat(online.deviceId()).isEqualTo(device.id());
                assertThat(device.state()).isEqualTo(DeviceState.UNCLAIMED);
                assertThat(device.information()).isEqualTo(new dev.onvifcloud.cloud.storage.DeviceInformation(
                        "Acme", "CloudCam 2", "2.1.0", "SN-REG-1", "HW-2"));
                assertThat(registry.all()).extracting(OnlineDevice::serialNumber).containsExactly("SN-REG-1");

                Instant firstSeen = device.lastSeenAt();
                await().atMost(PATIENCE).until(() -> database.devices().findBySerialNumber("SN-REG-1")
                        .orElseThrow().lastSeenAt().isAfter(firstSeen));
            } finally {
                camera.close();
            }
            await().atMost(PATIENCE).until(() -> !registry.isOnline("SN-REG-1"));
            assertThat(registry.all()).isEmpty();
        }
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }
}
