package dev.onvifcloud.cloud.provisioning;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.testing.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Provisioning Cloud Service for tests: an H2 database with an owner who claimed cameras, our share-token
 * issuer, the service and its routes on a real HTTPS server on loopback, a client trusting only the run's CA.
 */
final class SharingWorld implements AutoCloseable {

    static final String ISSUER = "https://pcs.test";
    static final URI XADDR = URI.create("https://pcs.test/");
    static final String MANUFACTURER = "Acme";
    static final String MODEL = "Cam-1";
    static final String CLAIM_CODE = "claim-code-1";
    static final String ENDPOINT = "https://127.0.0.1:8443/deviceSharingCompleted";

    private static final AtomicInteger SERIALS = new AtomicInteger();

    final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final Json json = new Json(JsonLimits.defaults());
    final DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
    final Database database;
    final ECKey signingKey;
    final ShareTokenIssuer issuer;
    final Account owner;
    final ProvisioningService service;
    final ApiServer server;
    final HttpClient client;
    private final ClaimCodeHash claimCode;

    SharingWorld(Path directory) {
        database = Database.open(DatabaseSettings.h2(directory));
        signingKey = newKey("pcs-key-1");
        issuer = new ShareTokenIssuer(signingKey, ISSUER, clock);
        owner = database.accounts().create("owner", clock.instant());
        claimCode = ClaimCodeHash.of(CLAIM_CODE, new SecureRandom());
        service = ProvisioningService.builder()
                .storage(database)
                .publicKeys(issuer.publicJwkSet())
                .issuer(ISSUER)
                .addressPolicy(OutboundAddressPolicy.builder().allow("127.0.0.1/32").build())
                .clock(clock)
                .build();
        IssuedCredential credential = pki.issueServerCertificate("pcs.test");
        server = ApiServer.builder()
                .settings(ApiServerSettings.loopback())
                .tlsCredential(credential.privateKey(), credential.chain())
                .routes(new ProvisioningApi(service).routes())
                .build()
                .start();
        client = TlsClients.httpClient(pki.localCaCertificate(), HttpClient.Version.HTTP_2);
    }

    static ECKey newKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A camera seen on its factory uplink and claimed by {@link #owner}. */
    Device claimedDevice() {
        String serialNumber = "SN-" + SERIALS.incrementAndGet() + "-" + System.nanoTime();
        database.devices().recordSeen(
                new DeviceInformation(MANUFACTURER, MODEL, "1.0", serialNumber, "hw-1"), clock.instant());
        database.devices().setClaimCode(serialNumber, claimCode);
        return database.devices().claim(serialNumber, CLAIM_CODE, owner.id(), clock.instant()).value();
    }

    /** A share token for {@code device}, issued by us and recorded, valid for an hour. */
    ShareToken issueToken(Device device) {
        return issueToken(device, issuer, Duration.ofHours(1));
    }

    /** A token from {@code tokenIssuer} for the device's claims, recorded as ours with the given record lifetime. */
    ShareToken issueToken(Device device, ShareTokenIssuer tokenIssuer, Duration recordLifetime) {
        ShareToken token = tokenIssuer.issue(XADDR, device.serialNumber(), device.information().model(),
                device.information().manufacturer(), Duration.ofHours(1));
        record(device, token, recordLifetime);
        return token;
    }

    void record(Device device, ShareToken token, Duration recordLifetime) {
        database.shareTokens().record(new NewShareToken(token.claims().jwtId(), device.id(), owner.id(),
                SharingMode.SHARE, token.claims().issuedAt(), token.claims().issuedAt().plus(recordLifetime)));
    }

    /** A valid configuration for {@code token}, everything on the allow-listed 127.0.0.1. */
    DeviceConfiguration configuration(ShareToken token) {
        return configuration(token.serialized(), URI.create(ENDPOINT));
    }

    DeviceConfiguration configuration(String token, URI endpoint) {
        try {
            return new DeviceConfiguration(token, List.of(endpoint),
                    List.of(new UplinkConfiguration(URI.create("wss://127.0.0.1:9443/uplink"), UserLevel.Administrator,
                            "ocs-ca")),
                    List.of(new AuthorizationServerConfiguration(URI.create("https://127.0.0.1:9444/as"), "client-1",
                            Optional.of("uplink"), "ocs-ca")),
                    List.of(new CertPathValidationPolicy("ocs-ca",
                            List.of(Base64Der.of(pki.localCaCertificate().getEncoded())))));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    String body(DeviceConfiguration... configurations) {
        return new String(json.write(new StartDeviceSharing(List.of(configurations))), StandardCharsets.UTF_8);
    }

    HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(ProvisioningApi.START_DEVICE_SHARING))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.port() + path);
    }

    int auditEntries() {
        return database.auditLog().find(AuditQuery.first(10_000)).size();
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
