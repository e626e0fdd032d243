package dev.onvifcloud.security.pki;

import static dev.onvifcloud.security.pki.DevelopmentPkiTest.NOW;
import static dev.onvifcloud.security.pki.DevelopmentPkiTest.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.security.pki.DevelopmentPkiRejectedException.Reason;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DevelopmentPkiImportTest {

    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final DevelopmentPki PKI = DevelopmentPki.generate(CLOCK);

    @Test
    void exports_both_cas_as_pem_under_documented_entries() {
        Map<String, String> pem = PKI.exportPem();

        assertThat(pem).containsOnlyKeys(DevelopmentPki.LOCAL_CA_CERTIFICATE, DevelopmentPki.LOCAL_CA_PRIVATE_KEY,
                DevelopmentPki.MANUFACTURER_CA_CERTIFICATE, DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);
        assertThat(pem.get(DevelopmentPki.LOCAL_CA_CERTIFICATE)).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(pem.get(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void round_trip_reproduces_the_ca_certificates_and_keeps_issuing_valid_leaves() throws Exception {
        Clock later = Clock.fixed(NOW.plus(Duration.ofDays(30)), ZoneOffset.UTC);

        DevelopmentPki reloaded = DevelopmentPki.importPem(PKI.exportPem(), later);

        assertThat(reloaded.localCaCertificate().getEncoded()).isEqualTo(PKI.localCaCertificate().getEncoded());
        assertThat(reloaded.manufacturerCaCertificate().getEncoded())
                .isEqualTo(PKI.manufacturerCaCertificate().getEncoded());
        assertThat(reloaded.exportPem()).isEqualTo(PKI.exportPem());
        X509Certificate server = reloaded.issueServerCertificate("cloud-a").certificate();
        X509Certificate birth = reloaded.issueBirthCertificate("Acme", "AC-100", "SN1").certificate();
        assertThat(server.getNotBefore().toInstant()).isEqualTo(later.instant().minus(Duration.ofHours(1)));
        assertThatCode(() -> validate(server, PKI.localCaCertificate(), later.instant())).doesNotThrowAnyException();
        assertThatCode(() -> validate(birth, PKI.manufacturerCaCertificate(), later.instant()))
                .doesNotThrowAnyException();
    }

    @Test
    void rejects_a_missing_or_blank_entry() {
        Map<String, String> pem = new HashMap<>(PKI.exportPem());
        pem.remove(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);
        assertRejected(pem, Reason.MISSING_ENTRY, DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);

        pem = new HashMap<>(PKI.exportPem());
        pem.put(DevelopmentPki.LOCAL_CA_CERTIFICATE, " \n");
        assertRejected(pem, Reason.MISSING_ENTRY, DevelopmentPki.LOCAL_CA_CERTIFICATE);
    }

    @Test
    void rejects_an_unknown_entry() {
        Map<String, String> pem = new HashMap<>(PKI.exportPem());
        pem.put("local-ca.pem", pem.get(DevelopmentPki.LOCAL_CA_CERTIFICATE));

        assertRejected(pem, Reason.UNKNOWN_ENTRY, "local-ca.pem");
    }

    @Test
    void rejects_a_certificate_entry_that_is_not_exactly_one_certificate() {
        Map<String, String> original = PKI.exportPem();
        String certificate = original.get(DevelopmentPki.LOCAL_CA_CERTIFICATE);
        for (String bad : new String[] {
                "not pem at all",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                certificate.replace("-----END CERTIFICATE-----", ""),
                certificate + certificate,
                original.get(DevelopmentPki.LOCAL_CA_PRIVATE_KEY)}) {
            Map<String, String> pem = new HashMap<>(original);
            pem.put(DevelopmentPki.LOCAL_CA_CERTIFICATE, bad);
            assertRejected(pem, Reason.MALFORMED_CERTIFICATE, DevelopmentPki.LOCAL_CA_CERTIFICATE);
        }
    }

    @Test
    void rejects_a_key_entry_that_is_not_exactly_one_pkcs8_ec_private_key() throws Exception {
        Map<String, String> original = PKI.exportPem();
        String key = original.get(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        for (String bad : new String[] {
                "garbage",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
                key + key,
                original.get(DevelopmentPki.MANUFACTURER_CA_CERTIFICATE),
                Pem.encode("PRIVATE KEY", rsa.generateKeyPair().getPrivate().getEncoded())}) {
            Map<String, String> pem = new HashMap<>(original);
            pem.put(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY, bad);
            assertRejected(pem, Reason.MALFORMED_PRIVATE_KEY, DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY);
        }
    }

    @Test
    void rejects_a_leaf_certificate_in_place_of_a_ca() {
        IssuedCredential leaf = PKI.issueClientCertificate("client");
        Map<String, String> pem = new HashMap<>(PKI.exportPem());
        pem.put(DevelopmentPki.LOCAL_CA_CERTIFICATE, Pem.encode("CERTIFICATE", encoded(leaf.certificate())));
        pem.put(DevelopmentPki.LOCAL_CA_PRIVATE_KEY, leaf.privateKeyPem());

        assertRejected(pem, Reason.NOT_A_CA_CERTIFICATE, DevelopmentPki.LOCAL_CA_CERTIFICATE);
    }

    /** Each way a crafted certificate can fall short of a self-signed EC CA certificate allowed to sign. */
    enum Flaw {
        NONE, NOT_A_CA, NO_KEY_CERT_SIGN, NO_KEY_USAGE, RSA_KEY, ISSUER_IS_NOT_SUBJECT, SIGNED_BY_ANOTHER_KEY
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void accepts_only_self_signed_ec_ca_certificates_allowed_to_sign_certificates(Flaw flaw) throws Exception {
        KeyPair keyPair = keyPair(flaw == Flaw.RSA_KEY ? "RSA" : "EC");
        X500Principal subject = new X500Principal("CN=crafted CA");
        X500Principal issuer = flaw == Flaw.ISSUER_IS_NOT_SUBJECT ? new X500Principal("CN=someone else") : subject;
        PrivateKey signingKey = flaw == Flaw.SIGNED_BY_ANOTHER_KEY ? keyPair("EC").getPrivate() : keyPair.getPrivate();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.TEN,
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(1))), subject,
                keyPair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(flaw != Flaw.NOT_A_CA));
        if (flaw != Flaw.NO_KEY_USAGE) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                    flaw == Flaw.NO_KEY_CERT_SIGN ? KeyUsage.cRLSign : KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        String algorithm = flaw == Flaw.RSA_KEY ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate crafted = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
        Map<String, String> pem = new HashMap<>(PKI.exportPem());
        pem.put(DevelopmentPki.MANUFACTURER_CA_CERTIFICATE, Pem.encode("CERTIFICATE", crafted.getEncoded()));
        pem.put(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY, Pem.encode("PRIVATE KEY",
                keyPair.getPrivate().getEncoded()));

        if (flaw == Flaw.NONE) {
            DevelopmentPki imported = DevelopmentPki.importPem(pem, CLOCK);
            X509Certificate birth = imported.issueBirthCertificate("Acme", "AC-100", "SN1").certificate();
            assertThatCode(() -> validate(birth, crafted, NOW)).doesNotThrowAnyException();
        } else {
            assertRejected(pem, Reason.NOT_A_CA_CERTIFICATE, DevelopmentPki.MANUFACTURER_CA_CERTIFICATE);
        }
    }

    @Test
    void rejects_a_private_key_of_another_ca() {
        Map<String, String> pem = new HashMap<>(PKI.exportPem());
        pem.put(DevelopmentPki.LOCAL_CA_PRIVATE_KEY, pem.get(DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY));

        assertRejected(pem, Reason.KEY_MISMATCH, DevelopmentPki.LOCAL_CA_PRIVATE_KEY);
    }

    @Test
    void rejects_cas_that_are_not_valid_at_the_clock_instant() {
        Map<String, String> pem = PKI.exportPem();
        Instant afterExpiry = PKI.localCaCertificate().getNotAfter().toInstant().plusSeconds(1);
        Instant beforeStart = PKI.localCaCertificate().getNotBefore().toInstant().minusSeconds(1);

        for (Instant instant : new Instant[] {afterExpiry, beforeStart}) {
            DevelopmentPkiRejectedException rejected = catchThrowableOfType(DevelopmentPkiRejectedException.class,
                    () -> DevelopmentPki.importPem(pem, Clock.fixed(instant, ZoneOffset.UTC)));
            assertThat(rejected.reason()).isEqualTo(Reason.NOT_VALID_NOW);
            assertThat(rejected.entry()).isEqualTo(DevelopmentPki.LOCAL_CA_CERTIFICATE);
        }
    }

    static void assertRejected(Map<String, String> pem, Reason reason, String entry) {
        DevelopmentPkiRejectedException rejected = catchThrowableOfType(DevelopmentPkiRejectedException.class,
                () -> DevelopmentPki.importPem(pem, CLOCK));
        assertThat(rejected).as("rejection").isNotNull();
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.entry()).isEqualTo(entry);
    }

    static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
    }
}
