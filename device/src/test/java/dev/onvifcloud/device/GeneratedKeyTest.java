package dev.onvifcloud.device;

import static dev.onvifcloud.device.TestCameras.PKI;
import static dev.onvifcloud.device.TestCameras.fault;
import static dev.onvifcloud.device.TestCameras.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.onvifcloud.device.service.SecurityService;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.soap.Ter;
import dev.onvifcloud.soap.security.AlgorithmIdentifier;
import dev.onvifcloud.soap.security.Base64DERencodedASN1Value;
import dev.onvifcloud.soap.security.CreateECCKeyPair;
import dev.onvifcloud.soap.security.CreatePKCS10CSR;
import dev.onvifcloud.soap.security.DistinguishedName;
import dev.onvifcloud.soap.security.KeyID;
import dev.onvifcloud.soap.security.SecurityOperations;
import dev.onvifcloud.soap.security.UploadCertificate;
import dev.onvifcloud.soap.security.UploadCertificateResponse;
import dev.onvifcloud.testing.InMemoryHandshake;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.internal.TlsContexts;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key pairs CreateECCKeyPair generates are usable wherever the camera takes them: CSRs (checked with the JDK's
 * own provider), certificates issued for them and uploaded back, TLS client authentication, and after a restart.
 */
class GeneratedKeyTest {

    @TempDir
    Path directory;

    private final Queue<Runnable> generation = new ArrayDeque<>();
    private Camera camera;

    @BeforeEach
    void start() {
        camera = startCamera();
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    private Camera startCamera() {
        Executor manual = generation::add;
        return TestCameras.camera(directory).keyGeneration(manual).build().start();
    }

    private KeyID generatedKey() {
        KeyID id = ok(camera, SecurityOperations.CREATE_ECC_KEY_PAIR,
                new CreateECCKeyPair("secp256r1", Optional.of("ocs"))).keyID();
        generation.remove().run();
        return id;
    }

    private byte[] csr(KeyID key) {
        return ok(camera, SecurityOperations.CREATE_PKCS10_CSR, new CreatePKCS10CSR(
                DistinguishedName.commonName("SN0001"), key, List.of(), AlgorithmIdentifier.ECDSA_WITH_SHA256))
                .pkcs10CSR().der();
    }

    private KeyPair keyPair(KeyID key) {
        return camera.state().key(key).orElseThrow().keyPair().orElseThrow();
    }

    @Test
    void a_csr_of_a_generated_key_verifies_with_the_jdk_provider() throws Exception {
        KeyID key = generatedKey();
        byte[] der = csr(key);
        assertThat(CertificationRequest.parse(der).publicKey().getEncoded())
                .isEqualTo(keyPair(key).getPublic().getEncoded());
        assertThat(verifiesWithSunEc(der)).isTrue();
    }

    @Test
    void a_generated_key_survives_a_restart_and_signs_csrs_after_it() throws Exception {
        KeyID key = generatedKey();
        byte[] before = keyPair(key).getPublic().getEncoded();
        camera.close();
        camera = startCamera();

        byte[] der = csr(key);
        assertThat(CertificationRequest.parse(der).publicKey().getEncoded()).isEqualTo(before);
        assertThat(verifiesWithSunEc(der)).isTrue();
    }

    @Test
    void a_certificate_issued_for_the_csr_is_stored_with_the_generated_key() throws Exception {
        KeyID key = generatedKey();
        PublicKey requested = CertificationRequest.parse(csr(key)).publicKey(); // a JDK key, as a cloud reads it
        Authority authority = new Authority();

        UploadCertificateResponse uploaded = ok(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(authority.issue(requested).getEncoded()), Optional.of("ocs"),
                Optional.empty(), Optional.of(true)));

        assertThat(uploaded.keyID()).isEqualTo(key);
    }

    @Test
    void a_certificate_for_another_key_is_not_matched_to_the_generated_key() throws Exception {
        generatedKey();
        Authority authority = new Authority();
        X509Certificate other = authority.issue(KeyAlgorithm.EC_P256.generate().getPublic());
        assertThat(fault(camera, SecurityOperations.UPLOAD_CERTIFICATE, new UploadCertificate(
                new Base64DERencodedASN1Value(other.getEncoded()), Optional.empty(), Optional.empty(),
                Optional.of(true))).hasSubcodes(Ter.ACTION, Ter.NO_MATCHING_PRIVATE_KEY)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = TlsImplementation.class, names = {"JDK", "OPENSSL"})
    void a_generated_key_authenticates_the_camera_as_a_tls_client(TlsImplementation implementation)
            throws Exception {
        if (implementation == TlsImplementation.OPENSSL) {
            assumeThat(OpenSsl.isAvailable()).isTrue();
        }
        KeyID key = generatedKey();
        Authority authority = new Authority();
        X509Certificate leaf = authority.issue(keyPair(key).getPublic());
        IssuedCredential server = PKI.issueServerCertificate("ocs", List.of("localhost"), List.of());

        SslContext cloud = TlsContexts.cloud(implementation,
                new TlsCredential(server.privateKey(), server.chain()), List.of(authority.certificate));
        SslContext cameraContext = TlsContexts.camera(implementation, List.of(PKI.localCaCertificate()),
                Optional.of(new TlsCredential(keyPair(key).getPrivate(), List.of(leaf))));

        assertThat(handshake(cameraContext, cloud)).containsExactly(leaf);
    }

    @Test
    void only_the_advertised_curves_are_generated() throws Exception {
        for (String curve : SecurityService.ELLIPTIC_CURVES) {
            assertThat(SecurityService.generateKeyPair(curve).getPublic().getAlgorithm()).isEqualTo("EC");
        }
        assertThatThrownBy(() -> SecurityService.generateKeyPair("brainpoolP256r1"))
                .isInstanceOf(GeneralSecurityException.class);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Checks the CSR's signature with the JDK's SunEC, independently of Bouncy Castle's provider. */
    private static boolean verifiesWithSunEc(byte[] der) throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
        PublicKey key = KeyFactory.getInstance("EC", "SunEC")
                .generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
        Signature signature = Signature.getInstance("SHA256withECDSA", "SunEC");
        signature.initVerify(key);
        signature.update(csr.toASN1Structure().getCertificationRequestInfo().getEncoded("DER"));
        return signature.verify(csr.getSignature());
    }

    /** A CA minted for the test, issuing TLS client certificates. */
    private static final class Authority {

        private final KeyPair keys = KeyAlgorithm.EC_P256.generate();
        private final X500Name name = new X500Name("CN=Test Device CA");
        private final X509Certificate certificate;
        private long serial = 1;

        Authority() throws Exception {
            X509v3CertificateBuilder builder = builder(name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            certificate = sign(builder);
        }

        X509Certificate issue(PublicKey subject) throws Exception {
            return sign(builder(new X500Name("CN=SN0001"), subject)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
        }

        private X509v3CertificateBuilder builder(X500Name subject, PublicKey key) {
            Instant now = Instant.now();
            return new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial++),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, key);
        }

        private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }
    }

    /** A full handshake of two engines in memory; the client certificates the server saw. */
    private static List<Certificate> handshake(SslContext clientContext, SslContext serverContext)
            throws SSLException {
        SSLEngine client = clientContext.newEngine(ByteBufAllocator.DEFAULT, "localhost", 443);
        SSLEngine server = serverContext.newEngine(ByteBufAllocator.DEFAULT);
        try {
            InMemoryHandshake.complete(client, server);
            return List.of(server.getSession().getPeerCertificates());
        } finally {
            ReferenceCountUtil.release(client);
            ReferenceCountUtil.release(server);
        }
    }
}
