package dev.onvifcloud.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.provisioning.ProvisioningService;
import dev.onvifcloud.cloud.provisioning.SharingAcceptance;
import dev.onvifcloud.cloud.provisioning.SharingRejection;
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.Outcome;
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
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code startDeviceSharing} acceptance rate: camera configurations accepted per second by
 * {@link ProvisioningService#startDeviceSharing(byte[], String)} on the embedded H2 file database, for requests of
 * 1, 100 and 1,000 configurations, next to the raw share-token verify rate measured in the same run. The
 * {@code accept*} results are configurations per second ({@link OperationsPerInvocation} is the batch size).
 *
 * <p><b>Fresh tokens.</b> A share token is used once, so every invocation gets its own request: before each
 * invocation ({@link Level#Invocation}, not timed) the batch's tokens are signed and recorded for claimed cameras
 * made at trial setup, and the body is written. The timed part is exactly the service call: parsing, token
 * verification, the token and camera look-ups, the configuration checks (addresses are IP literals on the
 * allow-listed 127.0.0.1, so no DNS look-up is measured), and the transaction that marks the tokens used and
 * persists the operations and audit entries. The database grows through the run as it would in service.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StartDeviceSharingBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class StartDeviceSharingBenchmark {

    static final String ISSUER = "https://pcs.bench";
    static final URI XADDR = URI.create("https://pcs.bench/");
    static final String CLAIM_CODE = "claim-code-1";
    static final int MAX_BATCH = 1000;

    /** The provisioning cloud: database, owner, claimed cameras, our issuer and the service. */
    @State(Scope.Benchmark)
    public static class Cloud {

        /** Cameras claimed at setup: one per configuration of the largest request. */
        int cameras = MAX_BATCH;
        Path directory;
        Database database;
        ECKey signingKey;
        ShareTokenIssuer issuer;
        Account owner;
        List<Device> devices;
        ProvisioningService service;
        Json json;
        Base64Der trustAnchor;
        ShareTokenVerifier verifier;
        ECDSAVerifier rawVerifier;
        String oneToken;

        @Setup(Level.Trial)
        public void start() throws IOException, JOSEException, CertificateEncodingException {
            directory = Files.createTempDirectory("onvif-cloud-bench-");
            database = Database.open(DatabaseSettings.h2(directory));
            Clock clock = Clock.systemUTC();
            signingKey = new ECKeyGenerator(Curve.P_256).keyID("bench-key").generate();
            issuer = new ShareTokenIssuer(signingKey, ISSUER, clock);
            owner = database.accounts().create("owner", clock.instant());
            ClaimCodeHash claimCode = ClaimCodeHash.of(CLAIM_CODE, new SecureRandom());
            devices = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                String serial = String.format("SN-%06d", i);
                database.devices().recordSeen(new DeviceInformation("Acme", "Cam-1", "1.0", serial, "hw-1"),
                        clock.instant());
                database.devices().setClaimCode(serial, claimCode);
                devices.add(database.devices().claim(serial, CLAIM_CODE, owner.id(), clock.instant()).value());
            }
            service = ProvisioningService.builder()
                    .storage(database)
                    .publicKeys(issuer.publicJwkSet())
                    .issuer(ISSUER)
                    .addressPolicy(OutboundAddressPolicy.builder().allow("127.0.0.1/32").build())
                    .clock(clock)
                    .build();
            json = new Json(JsonLimits.defaults());
            trustAnchor = Base64Der.of(DevelopmentPki.generate(clock).localCaCertificate().getEncoded());
            verifier = new ShareTokenVerifier(issuer.publicJwkSet(),
                    ShareTokenPolicy.defaults().withExpectedIssuer(ISSUER), clock);
            rawVerifier = new ECDSAVerifier(signingKey.toECPublicKey());
            oneToken = issuer.issue(XADDR, "SN-000000", "Cam-1", "Acme", Duration.ofHours(1)).serialized();
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            database.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }

        /** A body of {@code size} configurations, each with a new token, issued and recorded, for its own camera. */
        byte[] freshRequest(int size) {
            List<ShareToken> tokens = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Device device = devices.get(i);
                tokens.add(issuer.issue(XADDR, device.serialNumber(), device.information().model(),
                        device.information().manufacturer(), Duration.ofHours(1)));
            }
            database.inTransaction(transaction -> {
                for (int i = 0; i < size; i++) {
                    ShareToken token = tokens.get(i);
                    transaction.shareTokens().record(new NewShareToken(token.claims().jwtId(), devices.get(i).id(),
                            owner.id(), SharingMode.SHARE, token.claims().issuedAt(), token.claims().expiresAt()));
                }
                return null;
            });
            List<DeviceConfiguration> configurations = new ArrayList<>(size);
            for (ShareToken token : tokens) {
                configurations.add(new DeviceConfiguration(token.serialized(),
                        List.of(URI.create("https://127.0.0.1:8443/deviceSharingCompleted")),
                        List.of(new UplinkConfiguration(URI.create("wss://127.0.0.1:9443/uplink"),
                                UserLevel.Administrator, "ocs-ca")),
                        List.of(new AuthorizationServerConfiguration(URI.create("https://127.0.0.1:9444/as"),
                                "client-1", Optional.of("uplink"), "ocs-ca")),
                        List.of(new CertPathValidationPolicy("ocs-ca", List.of(trustAnchor)))));
            }
            return json.write(new StartDeviceSharing(configurations));
        }

        SharingAcceptance accept(byte[] body) {
            Outcome<SharingAcceptance, SharingRejection> outcome = service.startDeviceSharing(body, "ocs@203.0.113.7");
            if (!outcome.isAccepted()) {
                throw new IllegalStateException("refused: " + outcome.refusal().orElseThrow());
            }
            return outcome.value();
        }
    }

    /** A request of one configuration, written fresh before each invocation. */
    @State(Scope.Thread)
    public static class Request1 {
        byte[] body;

        @Setup(Level.Invocation)
        public void write(Cloud cloud) {
            body = cloud.freshRequest(1);
        }
    }

    /** A request of 100 configurations, written fresh before each invocation. */
    @State(Scope.Thread)
    public static class Request100 {
        byte[] body;

        @Setup(Level.Invocation)
        public void write(Cloud cloud) {
            body = cloud.freshRequest(100);
        }
    }

    /** A request of 1,000 configurations, written fresh before each invocation. */
    @State(Scope.Thread)
    public static class Request1000 {
        byte[] body;

        @Setup(Level.Invocation)
        public void write(Cloud cloud) {
            body = cloud.freshRequest(1000);
        }
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public SharingAcceptance accept1(Cloud cloud, Request1 request) {
        return cloud.accept(request.body);
    }

    @Benchmark
    @OperationsPerInvocation(100)
    public SharingAcceptance accept100(Cloud cloud, Request100 request) {
        return cloud.accept(request.body);
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public SharingAcceptance accept1000(Cloud cloud, Request1000 request) {
        return cloud.accept(request.body);
    }

    /** The share-token check alone, as the service does it for each configuration. */
    @Benchmark
    public ShareToken shareTokenVerify(Cloud cloud) throws TokenRejectedException {
        return cloud.verifier.verify(cloud.oneToken);
    }

    /** The floor: Nimbus parses the compact JWS and checks its ES256 signature, nothing else. */
    @Benchmark
    public boolean rawNimbusEs256Verify(Cloud cloud) throws ParseException, JOSEException {
        return SignedJWT.parse(cloud.oneToken).verify(cloud.rawVerifier);
    }
}
