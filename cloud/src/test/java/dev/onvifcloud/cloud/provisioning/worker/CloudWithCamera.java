package dev.onvifcloud.cloud.provisioning.worker;

import static org.awaitility.Awaitility.await;

import dev.onvifcloud.cloud.provisioning.StoredDeviceConfiguration;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.NewSharingOperation;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingRequest;
import dev.onvifcloud.device.Camera;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.DeviceLimits;
import dev.onvifcloud.device.FactoryDefaults;
import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.testing.SettableClock;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A Provisioning Cloud Service for tests: storage (H2 by default, or the given database), an uplink acceptor with
 * the device registry, and one reference camera with a factory uplink to it (mTLS, birth certificate), all minted
 * from a development PKI. {@link #restart()} closes the service (acceptor, registry, database) and opens it again
 * on the same database and port, as a redeployed node would; the camera (and the network) stay.
 */
final class CloudWithCamera implements AutoCloseable {

    /** One development PKI for the MCS and the camera's factory; the OCS has its own. */
    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    static final DevelopmentPki OCS_PKI = DevelopmentPki.generate(Clock.systemUTC());
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String SERIAL = "SN-WORKER-1";
    static final String SHARE_TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ0ZXN0In0.c2lnbmF0dXJl";
    static final URI OCS_UPLINK = URI.create("https://127.0.0.1:9/uplink");
    static final URI OCS_AUTHORIZATION_SERVER = URI.create("https://127.0.0.1:9/as");
    static final URI OCS_NOTIFICATION_ENDPOINT = URI.create("https://ocs.example/deviceSharingCompleted");
    static final String CLIENT_ID = "ocs-client-" + SERIAL;
    private static final ReconnectSchedule SLOW = new ReconnectSchedule(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofSeconds(5), 0.1);

    final SettableClock clock = new SettableClock(Instant.now());
    final Json json = new Json(JsonLimits.defaults());
    Database database;
    DeviceRegistry registry;
    private final Path directory;
    private final DatabaseSettings databaseSettings;
    private final UplinkTransport transport = UplinkTransport.create(2);
    private UplinkAcceptor acceptor;
    private final DeviceLimits limits;
    private Camera camera;
    private final List<Camera> otherCameras = new ArrayList<>();
    private Optional<UUID> owner = Optional.empty();
    private final Set<String> claimed = new HashSet<>();

    CloudWithCamera(Path directory, DeviceLimits limits, DatabaseSettings databaseSettings) {
        this.directory = directory;
        this.limits = limits;
        this.databaseSettings = databaseSettings;
        open(0);
    }

    CloudWithCamera(Path directory, DeviceLimits limits) {
        this(directory, limits, DatabaseSettings.h2(directory.resolve("db")));
    }

    CloudWithCamera(Path directory) {
        this(directory, DeviceLimits.defaults());
    }

    private void open(int port) {
        this.database = Database.open(databaseSettings);
        this.registry = DeviceRegistry.builder().storage(database).requestTimeout(Duration.ofSeconds(30)).build();
        this.acceptor = UplinkAcceptor.builder().transport(transport)
                .bindAddress(new InetSocketAddress("127.0.0.1", port))
                .serverCredential(credential(PKI.issueServerCertificate("localhost")))
                .clientTrustAnchors(List.of(PKI.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(c ->
                        BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                .sessionListener(registry)
                .requestTimeout(Duration.ofSeconds(30)).build().start();
    }

    /**
     * Closes the service (acceptor, registry, database; the caller closes its workers and notifiers first) and opens
     * it again on the same database and port. The camera's uplink drops and comes back with its reconnect schedule.
     */
    void restart() {
        int port = acceptor.localAddress().getPort();
        acceptor.close();
        registry.close();
        database.close();
        open(port);
    }

    /** The factory uplink's RemoteAddress: this MCS's own uplink. */
    URI mcsUplink() {
        return URI.create("https://localhost:" + acceptor.localAddress().getPort() + "/uplink");
    }

    /** What this MCS owns on the camera: its factory uplink. */
    OwnAccess ownAccess() {
        return OwnAccess.uplinks(mcsUplink());
    }

    /** Starts (or restarts, from its data directory) the camera and waits until the registry has it online. */
    Camera startCamera() {
        URI mcs = mcsUplink();
        camera = Camera.builder().information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", SERIAL, "HW-1"))
                .dataDirectory(directory.resolve("camera")).transport(transport).reconnectSchedule(SLOW)
                .limits(limits)
                .factoryDefaults(new FactoryDefaults(credential(PKI.issueBirthCertificate("Acme", "CloudCam 1", SERIAL)),
                        Optional.of(mcs), List.of(PKI.localCaCertificate())))
                .build().start();
        await().atMost(PATIENCE).until(() -> registry.isOnline(SERIAL));
        return camera;
    }

    /** Starts another camera, {@code serialNumber}, of the same factory, and waits until it is online. */
    Camera startOtherCamera(String serialNumber) {
        Camera other = Camera.builder()
                .information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", serialNumber, "HW-1"))
                .dataDirectory(directory.resolve("camera-" + serialNumber)).transport(transport)
                .reconnectSchedule(SLOW).limits(limits)
                .factoryDefaults(new FactoryDefaults(
                        credential(PKI.issueBirthCertificate("Acme", "CloudCam 1", serialNumber)),
                        Optional.of(mcsUplink()), List.of(PKI.localCaCertificate())))
                .build().start();
        otherCameras.add(other);
        await().atMost(PATIENCE).until(() -> registry.isOnline(serialNumber));
        return other;
    }

    void stopCamera() {
        camera.close();
        await().atMost(PATIENCE).until(() -> !registry.isOnline(SERIAL));
    }

    Camera camera() {
        return camera;
    }

    /** What the camera holds, as ids: keys, certificates, policies, authorization servers, uplinks. */
    Set<String> cameraItems() {
        DeviceState state = camera.state();
        Set<String> items = new HashSet<>();
        state.keys().keySet().forEach(k -> items.add("key " + k.value()));
        state.certificates().keySet().forEach(c -> items.add("certificate " + c.value()));
        state.certPathValidationPolicies().keySet().forEach(p -> items.add("policy " + p.value()));
        state.authorizationServers().keySet().forEach(a -> items.add("authorization-server " + a.value()));
        state.uplinks().keySet().forEach(u -> items.add("uplink " + u));
        return items;
    }

    /**
     * The configuration of the tests: the uplink's policy trusts the OCS's CA and the MCS's CA (which the camera
     * holds already: ter:Duplicate, reused), the authorization server's policy the OCS's CA only.
     */
    static DeviceConfiguration configuration() {
        return configuration(OCS_NOTIFICATION_ENDPOINT);
    }

    /** The same, notifying {@code endpoints}. */
    static DeviceConfiguration configuration(URI... endpoints) {
        return new DeviceConfiguration(SHARE_TOKEN, List.of(endpoints),
                List.of(new UplinkConfiguration(OCS_UPLINK, UserLevel.Administrator, "uplink")),
                List.of(new AuthorizationServerConfiguration(OCS_AUTHORIZATION_SERVER, CLIENT_ID,
                        Optional.of("onvif-uplink"), "as")),
                List.of(new CertPathValidationPolicy("uplink", List.of(der(OCS_PKI.localCaCertificate()),
                                der(PKI.localCaCertificate()))),
                        new CertPathValidationPolicy("as", List.of(der(OCS_PKI.localCaCertificate())))));
    }

    /** The camera claimed by an owner, and a sharing operation for it, as startDeviceSharing persists it. */
    UUID startSharing(DeviceConfiguration configuration) {
        return startSharing(configuration, SharingMode.SHARE);
    }

    /** The camera claimed by an owner (once), and a sharing operation in {@code mode} for it. */
    UUID startSharing(DeviceConfiguration configuration, SharingMode mode) {
        return startSharing(SERIAL, configuration, mode);
    }

    /** The camera {@code serialNumber} claimed by the owner (once), and a sharing operation in {@code mode} for it. */
    UUID startSharing(String serialNumber, DeviceConfiguration configuration, SharingMode mode) {
        Instant now = clock.instant();
        Device device = database.devices().findBySerialNumber(serialNumber).orElseThrow();
        if (owner.isEmpty()) {
            owner = Optional.of(database.accounts().create("owner-" + UUID.randomUUID(), now).id());
        }
        if (claimed.add(serialNumber)) {
            database.devices().setClaimCode(serialNumber, ClaimCodeHash.of("claim-code", new SecureRandom()));
            database.devices().claim(serialNumber, "claim-code", owner.get(), now).value();
        }
        String jti = UUID.randomUUID().toString();
        database.shareTokens().record(new NewShareToken(jti, device.id(), owner.get(), mode, now,
                now.plus(Duration.ofDays(1))));
        UUID operationId = UUID.randomUUID();
        database.sharingOperations().start(new SharingRequest(UUID.randomUUID(), "0".repeat(64), List.of(
                new NewSharingOperation(operationId, jti, StoredDeviceConfiguration.encode(json, configuration)))), now)
                .value();
        return operationId;
    }

    SharingOperation operation(UUID id) {
        return database.sharingOperations().find(id).orElseThrow();
    }

    SharingWorker.Builder worker(String name) {
        return SharingWorker.builder().storage(database).registry(registry).name(name).clock(clock).json(json)
                .leaseDuration(Duration.ofMinutes(5)).retryDelay(Duration.ofSeconds(10))
                .keyStatusPolling(300, Duration.ofMillis(100)).ownAccess(ownAccess());
    }

    private static Base64Der der(X509Certificate certificate) {
        try {
            return Base64Der.of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TlsCredential credential(IssuedCredential issued) {
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    @Override
    public void close() {
        if (camera != null) {
            camera.close();
        }
        otherCameras.forEach(Camera::close);
        acceptor.close();
        registry.close();
        transport.close();
        database.close();
    }
}
