package dev.onvifcloud.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our share-token and certification-request verification next to the raw cryptographic operation they
 * wrap, measured in the same run: Nimbus parsing and verifying the same ES256 JWS. The difference is our
 * overhead (policy checks, claim typing, DER parsing, key checks); the goal is at most 10 %.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar VerifyBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {

    private String token;
    private ShareTokenVerifier shareTokenVerifier;
    private ECDSAVerifier rawVerifier;
    private byte[] csrDer;
    private String csrBase64;

    @Setup
    public void setup() throws JOSEException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
        ShareTokenIssuer issuer = new ShareTokenIssuer(key, "https://mcs.example", clock);
        ShareToken issued = issuer.issue(URI.create("https://mcs.example/onvif"), "SN-000001", "Cam-1", "Acme",
                Duration.ofMinutes(15));
        token = issued.serialized();
        shareTokenVerifier = new ShareTokenVerifier(issuer.publicJwkSet(), ShareTokenPolicy.defaults(), clock);
        rawVerifier = new ECDSAVerifier(key.toECPublicKey());
        CertificationRequest csr = CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=camera-000001");
        csrDer = csr.der();
        csrBase64 = csr.toBase64Der();
    }

    /** The floor: Nimbus parses the compact JWS and checks its ES256 signature, nothing else. */
    @Benchmark
    public boolean rawNimbusEs256Verify() throws ParseException, JOSEException {
        return SignedJWT.parse(token).verify(rawVerifier);
    }

    /** A share token checked the way the provisioning cloud checks it. */
    @Benchmark
    public ShareToken shareTokenVerify() throws TokenRejectedException {
        return shareTokenVerifier.verify(token);
    }

    /** A deviceSharingCompleted devicePublicKey, from base64 DER as it arrives on the wire. */
    @Benchmark
    public CertificationRequest csrVerifyFromBase64() throws CertificationRequestRejectedException {
        return CertificationRequest.parse(csrBase64);
    }

    /** The same from DER bytes. */
    @Benchmark
    public CertificationRequest csrVerifyFromDer() throws CertificationRequestRejectedException {
        return CertificationRequest.parse(csrDer);
    }
}
