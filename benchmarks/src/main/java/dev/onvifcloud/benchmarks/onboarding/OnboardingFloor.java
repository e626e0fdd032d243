package dev.onvifcloud.benchmarks.onboarding;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.device.service.Pkcs10Signer;
import dev.onvifcloud.device.service.SecurityService;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.access.AccessTokenPolicy;
import dev.onvifcloud.security.access.AccessTokenVerifier;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.security.assertion.ClientAssertionPolicy;
import dev.onvifcloud.security.assertion.ClientAssertionVerifier;
import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.assertion.InMemoryJtiReplayGuard;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.testing.InMemoryHandshake;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.internal.TlsContexts;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The floor of one onboarding: each cryptographic operation it needs, timed alone on one thread (thread CPU time
 * per operation, after a warm-up as long as the measurement), with the project's own classes where it has them
 * (the camera's key pair and CSR with the reference camera's, so the floor follows its provider).
 * A TLS handshake is a full handshake of two {@link SSLEngine}s in memory from the nodes' own TLS contexts (client
 * and server, both counted: every party runs on this machine), the server holding a certificate of the development
 * PKI's local CA (as the nodes do), the client checking it and its host name, both with the benchmark's
 * {@link TlsImplementation}; a fresh peer port per handshake so that no session is resumed.
 */
final class OnboardingFloor {

    /** One measured operation: what it is and its CPU time per operation. */
    record Operation(String name, double micros) {
    }

    private static final int ASSERTIONS = 4000;
    /** The curve the MCS asks the camera for (CreateECCKeyPair). */
    private static final String CAMERA_CURVE = "secp256r1";

    /** The name of the handshake operation in {@link #measure()}'s map. */
    static final String TLS_HANDSHAKE = "TLS full handshake (client + server)";

    private String tlsProvider = "?";

    private final DevelopmentPki pki;
    private final Duration duration;
    private final TlsImplementation tlsImplementation;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    OnboardingFloor(DevelopmentPki pki, Duration duration, TlsImplementation tlsImplementation) {
        this.pki = pki;
        this.duration = duration;
        this.tlsImplementation = tlsImplementation;
    }

    /** Every operation, in the order of an onboarding. */
    Map<String, Operation> measure() throws Exception {
        Map<String, Operation> all = new LinkedHashMap<>();
        Clock clock = Clock.systemUTC();

        ECKey shareKey = newKey("share");
        ShareTokenIssuer shares = new ShareTokenIssuer(shareKey, "https://localhost:1", clock);
        URI xaddr = URI.create("https://localhost:1");
        put(all, "share token sign (ES256)", () -> shares.issue(xaddr, "SN000001", "CloudCam 1", "Acme",
                Duration.ofHours(1)));
        String share = shares.issue(xaddr, "SN000001", "CloudCam 1", "Acme", Duration.ofHours(1)).serialized();
        ShareTokenVerifier shareVerifier = new ShareTokenVerifier(shares.publicJwkSet(), ShareTokenPolicy.defaults(),
                clock);
        put(all, "share token verify (ES256)", () -> shareVerifier.verify(share));

        // The camera's own code: CreateECCKeyPair's key generation and CreatePKCS10CSR's signer, with the request
        // the MCS sends (a common name, no attributes, ecdsa-with-SHA256).
        put(all, "camera key pair (P-256)", () -> SecurityService.generateKeyPair(CAMERA_CURVE));
        KeyPair camera = SecurityService.generateKeyPair(CAMERA_CURVE);
        DistinguishedName subject = DistinguishedName.commonName("SN000001");
        put(all, "CSR sign (ES256)", () -> Pkcs10Signer.sign(camera, subject, List.of(),
                AlgorithmIdentifier.ECDSA_WITH_SHA256));
        byte[] csr = Pkcs10Signer.sign(camera, subject, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256);
        put(all, "CSR parse + verify (proof of possession)", () -> CertificationRequest.parse(csr));

        String tokenEndpoint = "https://localhost:1/oauth2/token";
        ClientAssertionIssuer assertions = new ClientAssertionIssuer("client-1", "key-1", camera.getPrivate(), clock);
        put(all, "client assertion sign (ES256)", () -> assertions.create(tokenEndpoint));
        ClientAssertionVerifier assertionVerifier = new ClientAssertionVerifier(
                ClientAssertionPolicy.defaults(Set.of(tokenEndpoint)),
                new InMemoryJtiReplayGuard(100_000, clock), clock);
        ClientRegistration registration = new ClientRegistration("client-1", camera.getPublic(), Optional.empty());
        // Assertions are single-use (jti): each verify needs its own, signed before the timing.
        List<String> warm = signed(assertions, tokenEndpoint, ASSERTIONS);
        List<String> timed = signed(assertions, tokenEndpoint, ASSERTIONS);
        warm.forEach(a -> verify(assertionVerifier, a, registration));
        long cpu0 = threads.getCurrentThreadCpuTime();
        timed.forEach(a -> verify(assertionVerifier, a, registration));
        all.put("client assertion verify (ES256, jti)", new Operation("client assertion verify (ES256, jti)",
                (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / ASSERTIONS));

        ECKey asKey = newKey("as");
        AccessTokenIssuer accessTokens = new AccessTokenIssuer(asKey, "https://localhost:1", "https://localhost:2/uplink",
                clock);
        put(all, "access token sign (ES256)", () -> accessTokens.issue("client-1", Optional.empty()));
        String access = accessTokens.issue("client-1", Optional.empty()).serialized();
        AccessTokenVerifier accessVerifier = new AccessTokenVerifier(PublicJwkSet.of(asKey.toPublicJWK()),
                AccessTokenPolicy.defaults("https://localhost:1", "https://localhost:2/uplink"), clock);
        put(all, "access token verify (ES256)", () -> accessVerifier.verify(access));

        Handshakes tls = new Handshakes(pki, tlsImplementation);
        put(all, TLS_HANDSHAKE, tls::handshake);
        tlsProvider = tls.provider();
        return all;
    }

    /** The TLS contexts' class after {@link #measure()}: which provider the handshakes used. */
    String tlsProvider() {
        return tlsProvider;
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws Exception;
    }

    private void put(Map<String, Operation> all, String name, Op op) throws Exception {
        round(op, duration); // warm-up
        long cpu0 = threads.getCurrentThreadCpuTime();
        long ops = round(op, duration);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        all.put(name, new Operation(name, cpu / 1e3 / ops));
    }

    private static long round(Op op, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long ops = 0;
        int sink = 0;
        while (System.nanoTime() < end || ops < 20) {
            sink += System.identityHashCode(op.run()) & 1;
            ops++;
        }
        if (sink < 0) {
            throw new IllegalStateException();
        }
        return ops;
    }

    private static ECKey newKey(String kid) throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }

    /**
     * Full TLS 1.3 handshakes between two engines in memory, made by the same contexts the nodes and cameras use
     * ({@link TlsContexts}: the cloud's server context, a camera's client context with its trust anchor and host name
     * check) with the same {@link TlsImplementation}, so the floor follows their TLS provider.
     */
    private static final class Handshakes {

        private final SslContext server;
        private final SslContext client;
        private int port = 1;

        Handshakes(DevelopmentPki pki, TlsImplementation implementation) throws Exception {
            IssuedCredential credential = pki.issueServerCertificate("floor", List.of("localhost"),
                    List.of("127.0.0.1"));
            server = TlsContexts.cloud(implementation, new TlsCredential(credential.privateKey(), credential.chain()),
                    List.of());
            client = TlsContexts.camera(implementation, List.of(pki.localCaCertificate()), Optional.empty());
        }

        /** The engines' provider, for the report. */
        String provider() {
            return client.getClass().getSimpleName();
        }

        Object handshake() throws SSLException {
            port = port % 60_000 + 1; // a new peer each time: no resumption
            SSLEngine c = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", port);
            SSLEngine s = server.newEngine(ByteBufAllocator.DEFAULT);
            try {
                InMemoryHandshake.complete(c, s);
                return c.getSession().getProtocol();
            } finally {
                ReferenceCountUtil.release(c); // OpenSSL engines hold native memory
                ReferenceCountUtil.release(s);
            }
        }
    }

    private static List<String> signed(ClientAssertionIssuer issuer, String audience, int count) {
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(issuer.create(audience).serialized());
        }
        return list;
    }

    private static void verify(ClientAssertionVerifier verifier, String assertion, ClientRegistration client) {
        try {
            verifier.verify(assertion, client);
        } catch (TokenRejectedException e) {
            throw new IllegalStateException("floor: the assertion was refused: " + e.getMessage(), e);
        }
    }
}
