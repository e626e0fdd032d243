package dev.onvifcloud.cloud.operational;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.RetrySchedule;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.testing.SettableClock;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An Operational Cloud Service for tests: H2 storage (reopenable, as after a restart), the run's development PKI,
 * the service, requester, connected cameras and API on a real HTTPS server, two stand-in PCSs ({@code pcs.test} and
 * {@code pcs2.test}, resolved to 127.0.0.1 by the address policy's resolver), a share-token issuer for each, an
 * owner and another account with API keys.
 */
final class OcsWorld implements AutoCloseable {

    static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    /** 10 s doubling to 40 s, given up 2 minutes after the camera was added. */
    static final RetrySchedule SHORT =
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(40), Duration.ofMinutes(2));

    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final StandInPcs pcs = new StandInPcs(PKI.issueServerCertificate("pcs.test", List.of("pcs.test", "pcs2.test"),
            List.of("127.0.0.1")));
    final StandInPcs pcs2 = new StandInPcs(PKI.issueServerCertificate("pcs2.test", List.of("pcs2.test"),
            List.of("127.0.0.1")));
    final ShareTokenIssuer issuer = new ShareTokenIssuer(key("pcs-key"), "https://pcs.test", clock);
    final ShareTokenIssuer issuer2 = new ShareTokenIssuer(key("pcs2-key"), "https://pcs2.test", clock);
    private final Path directory;
    private final UnaryOperator<OperationalSettings.Builder> customize;
    Database database;
    OperationalSettings settings;
    OperationalService service;
    SharingRequester requester;
    ConnectedCameras cameras;
    ApiServer server;
    final Account owner;
    final Account other;
    final IssuedApiKey ownerKey;
    final IssuedApiKey otherKey;

    OcsWorld(Path directory, UnaryOperator<OperationalSettings.Builder> customize) {
        this.directory = directory;
        this.customize = customize;
        open();
        owner = database.accounts().create("owner-" + UUID.randomUUID(), clock.instant());
        other = database.accounts().create("other-" + UUID.randomUUID(), clock.instant());
        ownerKey = database.apiKeys().issue(owner.id(), "owner key", clock.instant());
        otherKey = database.apiKeys().issue(other.id(), "other key", clock.instant());
    }

    OcsWorld(Path directory) {
        this(directory, builder -> builder);
    }

    private void open() {
        database = Database.open(DatabaseSettings.h2(directory.resolve("ocs-db")));
        IssuedCredential credential = PKI.issueServerCertificate("ocs.test", List.of("ocs.test"), List.of("127.0.0.1"));
        settings = customize.apply(OperationalSettings.builder()
                .uplinkAddress(URI.create("wss://ocs.test:7443/uplink"))
                .authorizationServer(URI.create("https://ocs.test:7443"))
                .endpointBaseUrls(List.of(URI.create("https://ocs.test:7443/")))
                .tlsCaCertificate(PKI.localCaCertificate())
                .scope("onvif-uplink")
                .retrySchedule(SHORT)
                .addressPolicy(loopbackAllowed())
                .httpTrustAnchors(List.of(PKI.localCaCertificate()))
                .connectTimeout(Duration.ofSeconds(10))
                .requestTimeout(Duration.ofSeconds(20))
                .cameraRequestTimeout(Duration.ofSeconds(20))
                .clock(clock)).build();
        service = new OperationalService(database, settings);
        requester = new SharingRequester(database, settings);
        cameras = new ConnectedCameras(database, settings);
        server = ApiServer.builder().settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain())
                .routes(new OperationalApi(service, cameras, database).routes())
                .build().start();
    }

    /** Closes and reopens everything on the same database, as a restarted process would. */
    void restart() {
        closeOcs();
        open();
    }

    URI api(String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    URI xaddr() {
        return URI.create("https://pcs.test:" + pcs.port());
    }

    URI xaddr2() {
        return URI.create("https://pcs2.test:" + pcs2.port());
    }

    /** A share token of {@code pcs.test} for a camera of Acme. */
    ShareToken token(String serialNumber) {
        return issuer.issue(xaddr(), serialNumber, "CloudCam 1", "Acme", Duration.ofHours(1));
    }

    ShareToken token2(String serialNumber) {
        return issuer2.issue(xaddr2(), serialNumber, "CloudCam 1", "Acme", Duration.ofHours(1));
    }

    /** Adds cameras for the owner and returns them; fails if any is refused. */
    List<OcsCamera> add(ShareToken... tokens) {
        return service.addCameras(owner.id(), java.util.Arrays.stream(tokens).map(ShareToken::serialized).toList(),
                "test").stream().map(result -> result.camera().orElseThrow(() ->
                        new AssertionError("refused: " + result.refusal()))).toList();
    }

    OcsCamera camera(UUID id) {
        return database.ocsCameras().find(id).orElseThrow();
    }

    List<String> auditActions(String subject) {
        return database.auditLog().find(AuditQuery.first(1000).withSubject(subject)).stream()
                .map(AuditEntry::event).map(event -> event.action()).toList();
    }

    /** 127.0.0.1 allowed; pcs.test, pcs2.test and ocs.test resolving to it. */
    static OutboundAddressPolicy loopbackAllowed() {
        return OutboundAddressPolicy.builder().allow("127.0.0.1/32").resolver(OcsWorld::resolve).build();
    }

    /** The same resolver, without the allowance: 127.0.0.1 is refused. */
    static OutboundAddressPolicy strict() {
        return OutboundAddressPolicy.builder().resolver(OcsWorld::resolve).build();
    }

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (Map.of("pcs.test", 1, "pcs2.test", 1, "ocs.test", 1, "127.0.0.1", 1).containsKey(host)) {
            return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        }
        throw new UnknownHostException("unknown in tests");
    }

    static ECKey key(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void closeOcs() {
        server.close();
        requester.close();
        cameras.close();
        database.close();
    }

    @Override
    public void close() {
        closeOcs();
        pcs.close();
        pcs2.close();
    }
}
