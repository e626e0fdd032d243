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
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
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

    @Test
    void holds_online_a_camera_another_component_identified_on_its_session_until_that_session_is_taken_offline() {
        BlockingQueue<UplinkSession> sessions = new LinkedBlockingQueue<>();
        SessionListener component = new SessionListener() {
            @Override
            public void sessionUp(UplinkSession session) {
                sessions.add(session);
            }

            @Override
            public void sessionDown(UplinkSession session) {
            }
        };
        try (Database database = Database.open(DatabaseSettings.h2(directory.resolve("db")));
             UplinkTransport transport = UplinkTransport.create(2);
             DeviceRegistry registry = DeviceRegistry.builder().storage(database).build();
             UplinkAcceptor acceptor = UplinkAcceptor.builder().transport(transport)
                     .serverCredential(credential(PKI.issueServerCertificate("localhost")))
                     .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                     .authenticator(UplinkAuthenticator.clientCertificates(c -> Optional.of(
                             new CameraIdentity("client-of-another-component"))))
                     .sessionListener(component).build().start()) {
            List<OnlineDevice> heard = new CopyOnWriteArrayList<>();
            registry.addOnlineListener(heard::add);
            Account holder = database.accounts().create("holder", Instant.now());
            Device adopted = database.devices().adopt(new dev.onvifcloud.cloud.storage.DeviceInformation(
                    "Acme", "CloudCam 2", "2.1.0", "SN-REG-2", "HW-2"), holder.id(), Instant.now()).value();
            URI uplink = URI.create("https://localhost:" + acceptor.localAddress().getPort() + "/uplink");
            Camera camera = camera(transport, uplink);
            UplinkSession first = await().atMost(PATIENCE).until(sessions::poll, s -> s != null);
            OnlineDevice online = registry.takeOnline(
                    new OnvifClient(first, SoapCodec.standard(), Duration.ofSeconds(30)), adopted).orElseThrow();

            assertThat(registry.online("SN-REG-2")).contains(online);
            assertThat(online.deviceId()).isEqualTo(adopted.id());
            assertThat(heard).containsExactly(online);

            camera.close();
            await().atMost(PATIENCE).until(() -> !first.isOpen());
            assertThat(registry.isOnline("SN-REG-2")).isFalse();
            assertThat(registry.takeOnline(new OnvifClient(first, SoapCodec.standard(), Duration.ofSeconds(30)),
                    adopted)).isEmpty();
            camera = camera(transport, uplink);
            try {
                UplinkSession second = await().atMost(PATIENCE).until(sessions::poll, s -> s != null);
                registry.takeOnline(new OnvifClient(second, SoapCodec.standard(), Duration.ofSeconds(30)), adopted)
                        .orElseThrow();

                assertThat(registry.takeOffline("SN-REG-2", first)).isFalse(); // a stale session keeps the new one
                assertThat(registry.isOnline("SN-REG-2")).isTrue();
                assertThat(registry.takeOffline("SN-REG-2", second)).isTrue();
                assertThat(registry.isOnline("SN-REG-2")).isFalse();
                assertThat(registry.takeOffline("SN-REG-2", second)).isFalse();
                assertThat(heard).hasSize(2);
                assertThat(database.devices().find(adopted.id()).orElseThrow().state()).isEqualTo(DeviceState.CLAIMED);
            } finally {
                camera.close();
            }
        }
    }

    private Camera camera(UplinkTransport transport, URI uplink) {
        return Camera.builder()
                .information(new DeviceInformation("Acme", "CloudCam 2", "2.1.0", "SN-REG-2", "HW-2"))
                .dataDirectory(directory.resolve("camera-2")).transport(transport)
                .factoryDefaults(new FactoryDefaults(credential(PKI.issueBirthCertificate("Acme", "CloudCam 2",
                        "SN-REG-2")), Optional.of(uplink), List.of(PKI.localCaCertificate())))
                .build().start();
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }
}
