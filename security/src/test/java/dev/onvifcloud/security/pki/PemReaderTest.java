package dev.onvifcloud.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.security.pki.PemRejectedException.Reason;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;

class PemReaderTest {

    private static final DevelopmentPki PKI = DevelopmentPki.generate(Clock.systemUTC());
    private static final IssuedCredential SERVER = PKI.issueServerCertificate("pem-test");
    /** For encrypting test keys only; not registered as a provider. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @Test
    void reads_a_chain_in_order_ignoring_text_between_the_blocks() throws Exception {
        String pem = "subject=CN=pem-test\n" + SERVER.certificateChainPem().replace("-----END CERTIFICATE-----\n-",
                "-----END CERTIFICATE-----\n# the issuer:\n-");

        List<X509Certificate> chain = PemReader.certificates(pem.getBytes(StandardCharsets.US_ASCII));

        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getEncoded()).isEqualTo(SERVER.certificate().getEncoded());
        assertThat(chain.get(1).getEncoded()).isEqualTo(PKI.localCaCertificate().getEncoded());
    }

    @Test
    void reads_a_pkcs8_private_key() {
        PrivateKey key = PemReader.privateKey(SERVER.privateKeyPem());

        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(key.getEncoded()).isEqualTo(SERVER.privateKey().getEncoded());
    }

    @Test
    void reads_an_rfc5915_ec_private_key_naming_its_curve() throws Exception {
        KeyPair pair = ecKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        byte[] point = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getPublicKeyData().getBytes();
        org.bouncycastle.asn1.sec.ECPrivateKey structure = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                ((ECPrivateKey) pair.getPrivate()).getS(), new DERBitString(point), SECObjectIdentifiers.secp256r1);
        String pem = pem("EC PRIVATE KEY", structure.getEncoded());

        PrivateKey key = PemReader.privateKey(pem);

        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
    }

    @Test
    void reads_an_rfc5915_ec_private_key_whose_curve_is_in_an_ec_parameters_block() throws Exception {
        KeyPair pair = ecKeyPair();
        String key = traditional(pair.getPrivate()); // Bouncy Castle leaves the curve out of the key
        assertThat(key).contains("-----BEGIN EC PRIVATE KEY-----");
        String parameters = pem("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded());

        PrivateKey read = PemReader.privateKey(parameters + key);

        assertThat(((ECPrivateKey) read).getS()).isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
        assertThat(reason(() -> PemReader.privateKey(key))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void reads_a_pkcs1_rsa_private_key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = traditional(pair.getPrivate());
        assertThat(pem).contains("-----BEGIN RSA PRIVATE KEY-----");

        PrivateKey key = PemReader.privateKey(pem);

        assertThat(key).isInstanceOf(RSAPrivateKey.class);
        assertThat(((RSAPrivateKey) key).getPrivateExponent())
                .isEqualTo(((RSAPrivateKey) pair.getPrivate()).getPrivateExponent());
    }

    @Test
    void refuses_an_encrypted_pkcs8_key() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(ecKeyPair().getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BC)
                            .setPassword("secret".toCharArray()).build()));
        }
        assertThat(text.toString()).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThat(reason(() -> PemReader.privateKey(text.toString()))).isEqualTo(Reason.ENCRYPTED_PRIVATE_KEY);
    }

    @Test
    void refuses_an_encrypted_traditional_key() throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaMiscPEMGenerator(ecKeyPair().getPrivate(),
                    new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BC).build("secret".toCharArray())));
        }
        assertThat(text.toString()).contains("Proc-Type: 4,ENCRYPTED");

        assertThat(reason(() -> PemReader.privateKey(text.toString()))).isEqualTo(Reason.ENCRYPTED_PRIVATE_KEY);
    }

    @Test
    void refuses_text_without_pem_blocks() {
        assertThat(reason(() -> PemReader.certificates("not PEM at all"))).isEqualTo(Reason.NOTHING_FOUND);
        assertThat(reason(() -> PemReader.privateKey(""))).isEqualTo(Reason.NOTHING_FOUND);
    }

    @Test
    void refuses_garbage_inside_a_block() {
        String badBase64 = "-----BEGIN CERTIFICATE-----\n!!!!not base64!!!!\n-----END CERTIFICATE-----\n";
        String notDer = "-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n";
        String unterminated = "-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n";
        String notAKey = "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n";

        assertThat(reason(() -> PemReader.certificates(badBase64))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(() -> PemReader.certificates(notDer))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(() -> PemReader.certificates(unterminated))).isEqualTo(Reason.MALFORMED);
        assertThat(reason(() -> PemReader.privateKey(notAKey))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void refuses_a_private_key_among_certificates_and_a_certificate_beside_a_key() {
        assertThat(reason(() -> PemReader.certificates(SERVER.certificateChainPem() + SERVER.privateKeyPem())))
                .isEqualTo(Reason.UNEXPECTED_BLOCK);
        assertThat(reason(() -> PemReader.privateKey(SERVER.privateKeyPem() + SERVER.certificateChainPem())))
                .isEqualTo(Reason.UNEXPECTED_BLOCK);
    }

    @Test
    void refuses_two_private_keys() {
        assertThat(reason(() -> PemReader.privateKey(SERVER.privateKeyPem() + SERVER.privateKeyPem())))
                .isEqualTo(Reason.MORE_THAN_ONE_PRIVATE_KEY);
    }

    @Test
    void reads_sixteen_certificates_but_not_seventeen() {
        String one = PKI.exportPem().get(DevelopmentPki.LOCAL_CA_CERTIFICATE);

        assertThat(PemReader.certificates(one.repeat(PemReader.MAX_CERTIFICATES))).hasSize(16);
        assertThat(reason(() -> PemReader.certificates(one.repeat(PemReader.MAX_CERTIFICATES + 1))))
                .isEqualTo(Reason.TOO_MANY_CERTIFICATES);
    }

    @Test
    void refuses_more_than_a_mebibyte_before_parsing() {
        String padding = "#".repeat(PemReader.MAX_BYTES);
        String big = SERVER.certificateChainPem() + padding;

        assertThat(reason(() -> PemReader.certificates(big))).isEqualTo(Reason.TOO_LARGE);
        assertThat(reason(() -> PemReader.certificates(big.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(Reason.TOO_LARGE);
        assertThat(reason(() -> PemReader.privateKey(SERVER.privateKeyPem() + padding))).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void a_refusal_never_echoes_key_material() {
        String key = SERVER.privateKeyPem();
        String body = key.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();

        PemRejectedException refused = catchThrowableOfType(PemRejectedException.class,
                () -> PemReader.certificates(key));

        assertThat(refused.getMessage()).doesNotContain(body).contains("PRIVATE KEY");
    }

    private static Reason reason(Runnable read) {
        PemRejectedException refused = catchThrowableOfType(PemRejectedException.class, read::run);
        assertThat(refused).as("refused").isNotNull();
        return refused.reason();
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return Pem.encode(label, der);
    }

    /** OpenSSL's traditional format: EC PRIVATE KEY (RFC 5915) or RSA PRIVATE KEY (PKCS#1). */
    private static String traditional(PrivateKey key) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(key);
        }
        return text.toString();
    }
}
