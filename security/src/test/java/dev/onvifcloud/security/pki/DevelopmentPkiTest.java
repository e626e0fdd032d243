package dev.onvifcloud.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class DevelopmentPkiTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final DevelopmentPki PKI = DevelopmentPki.generate(CLOCK);

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final int DNS_NAME = 2;
    static final int IP_ADDRESS = 7;

    /** JDK PKIX path validation of {@code leaf} against the single trust anchor, at {@code instant}. */
    static void validate(X509Certificate leaf, X509Certificate anchor, Instant instant)
            throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(instant));
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }

    @Test
    void ca_certificates_are_self_signed_critical_ca_with_path_length_zero_and_distinct_names() throws Exception {
        for (X509Certificate ca : List.of(PKI.localCaCertificate(), PKI.manufacturerCaCertificate())) {
            assertThat(ca.getSubjectX500Principal()).isEqualTo(ca.getIssuerX500Principal());
            assertThatCode(() -> ca.verify(ca.getPublicKey())).doesNotThrowAnyException();
            assertThat(ca.getBasicConstraints()).isZero();
            assertThat(ca.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                    Extension.keyUsage.getId());
            // digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign
            assertThat(ca.getKeyUsage()).startsWith(false, false, false, false, false, true, true);
            assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(((ECPublicKey) ca.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(256);
            assertThat(subjectKeyIdentifier(ca)).isEqualTo(authorityKeyIdentifier(ca));
        }
        assertThat(PKI.localCaCertificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=onvif-cloud development local CA,O=onvif-cloud development");
        assertThat(PKI.manufacturerCaCertificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=onvif-cloud development manufacturer CA,O=onvif-cloud development");
    }

    @Test
    void validity_starts_one_hour_before_the_clock_and_lasts_ten_years_for_cas_and_one_year_for_leaves() {
        X509Certificate ca = PKI.localCaCertificate();
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
        X509Certificate leaf = PKI.issueServerCertificate("cloud-a").certificate();
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void leaf_validity_never_outlasts_its_ca() {
        Instant nearCaExpiry = NOW.plus(Duration.ofDays(3600));
        DevelopmentPki later = DevelopmentPki.importPem(PKI.exportPem(), Clock.fixed(nearCaExpiry, ZoneOffset.UTC));

        X509Certificate leaf = later.issueServerCertificate("cloud-a").certificate();

        assertThat(leaf.getNotAfter()).isEqualTo(PKI.localCaCertificate().getNotAfter());
    }

    @Test
    void server_certificate_passes_pkix_validation_against_the_local_ca_only() throws Exception {
        X509Certificate leaf = PKI.issueServerCertificate("cloud-a").certificate();

        assertThatCode(() -> validate(leaf, PKI.localCaCertificate(), NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> validate(leaf, PKI.manufacturerCaCertificate(), NOW))
                .isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> validate(leaf, PKI.localCaCertificate(), NOW.plus(Duration.ofDays(366))))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void server_certificate_is_a_critical_non_ca_for_digital_signature_and_server_auth_linked_to_its_ca()
            throws Exception {
        IssuedCredential credential = PKI.issueServerCertificate("cloud-a");
        X509Certificate leaf = credential.certificate();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=cloud-a");
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(PKI.localCaCertificate().getSubjectX500Principal());
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId());
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(authorityKeyIdentifier(leaf)).isEqualTo(subjectKeyIdentifier(PKI.localCaCertificate()));
        assertThat(subjectKeyIdentifier(leaf)).isNotEqualTo(subjectKeyIdentifier(PKI.localCaCertificate()));
        assertThat(credential.chain()).containsExactly(leaf, PKI.localCaCertificate());
    }

    @Test
    void default_server_certificate_names_localhost_and_both_loopback_addresses() throws Exception {
        X509Certificate leaf = PKI.issueServerCertificate("cloud-a").certificate();

        assertThat(leaf.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "localhost"),
                List.of(IP_ADDRESS, "127.0.0.1"),
                List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void server_certificate_names_the_given_dns_names_and_ip_addresses() throws Exception {
        X509Certificate leaf = PKI.issueServerCertificate("cloud-b",
                List.of("cloud-b.example", "*.cloud-b.example"), List.of("192.0.2.7", "2001:db8::7")).certificate();

        assertThat(leaf.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(DNS_NAME, "cloud-b.example"),
                List.of(DNS_NAME, "*.cloud-b.example"),
                List.of(IP_ADDRESS, "192.0.2.7"),
                List.of(IP_ADDRESS, "2001:db8:0:0:0:0:0:7"));
    }

    @Test
    void rejects_server_names_that_are_not_dns_names_or_ip_literals() {
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of("not a host"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of("-bad.example"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        String longName = ("a".repeat(63) + ".").repeat(3) + "a".repeat(62); // 254 characters of valid labels
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of(longName), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of(), List.of("localhost")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of(), List.of("256.0.0.1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueServerCertificate("cloud", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_blank_over_long_or_control_character_names() {
        assertThatThrownBy(() -> PKI.issueServerCertificate(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueClientCertificate("x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueClientCertificate("line\nbreak"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueBirthCertificate("x".repeat(65), "AC-100", "SN1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueBirthCertificate("Acme", "AC-100", "1".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> PKI.issueClientCertificate("x".repeat(64))).doesNotThrowAnyException();
        assertThatCode(() -> PKI.issueServerCertificate("cloud", List.of(longestName()), List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void client_certificate_comes_from_the_local_ca_for_client_auth_without_subject_alternative_names()
            throws Exception {
        X509Certificate leaf = PKI.issueClientCertificate("cloud-a client").certificate();

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=cloud-a client");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(leaf.getSubjectAlternativeNames()).isNull();
        assertThatCode(() -> validate(leaf, PKI.localCaCertificate(), NOW)).doesNotThrowAnyException();
    }

    @Test
    void birth_certificate_comes_from_the_manufacturer_ca_and_names_the_camera() throws Exception {
        IssuedCredential credential = PKI.issueBirthCertificate("Acme Cameras", "AC-100", "SN-0042");
        X509Certificate leaf = credential.certificate();

        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(credential.chain()).containsExactly(leaf, PKI.manufacturerCaCertificate());
        // RFC 2253 has no keyword for serialNumber: the JDK prints its DER, a PrintableString (tag 0x13).
        assertThat(leaf.getSubjectX500Principal().getName())
                .isEqualTo("2.5.4.5=#1307534e2d30303432,CN=AC-100,O=Acme Cameras");
        assertThat(BirthCertificate.serialNumber(leaf)).contains("SN-0042");
        assertThat(BirthCertificate.manufacturer(leaf)).contains("Acme Cameras");
        assertThat(BirthCertificate.model(leaf)).contains("AC-100");
        assertThatCode(() -> validate(leaf, PKI.manufacturerCaCertificate(), NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> validate(leaf, PKI.localCaCertificate(), NOW))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void a_certificate_without_a_serial_number_attribute_has_no_camera_serial_number() {
        X509Certificate server = PKI.issueServerCertificate("cloud-a").certificate();

        assertThat(BirthCertificate.serialNumber(server)).isEmpty();
        assertThat(BirthCertificate.manufacturer(server)).isEmpty();
        assertThat(BirthCertificate.model(server)).contains("cloud-a");
    }

    @Test
    void rejects_birth_certificate_serial_numbers_outside_printable_string() {
        assertThatThrownBy(() -> PKI.issueBirthCertificate("Acme", "AC-100", "SN_0042"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueBirthCertificate("Acme", "AC-100", "SN\u00e90042"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueBirthCertificate("Acme", "AC-100", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PKI.issueBirthCertificate("", "AC-100", "SN1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serial_numbers_are_random_positive_and_at_most_128_bits() {
        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            BigInteger serial = PKI.issueClientCertificate("client").certificate().getSerialNumber();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.bitLength()).isLessThanOrEqualTo(128);
            serials.add(serial);
        }
        assertThat(serials).hasSize(20);
        assertThat(PKI.localCaCertificate().getSerialNumber())
                .isNotEqualTo(PKI.manufacturerCaCertificate().getSerialNumber());
    }

    @Test
    void pem_forms_parse_back_to_the_same_chain_and_a_key_matching_the_certificate() throws Exception {
        IssuedCredential credential = PKI.issueServerCertificate("cloud-a");

        List<java.security.cert.Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(
                        credential.certificateChainPem().getBytes(StandardCharsets.US_ASCII))));
        assertThat(chain).containsExactlyElementsOf(credential.chain());
        assertThat(credential.certificateChainPem()).startsWith("-----BEGIN CERTIFICATE-----\n");

        String keyPem = credential.privateKeyPem();
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        String base64 = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(credential.certificate());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void key_store_holds_the_key_and_chain_under_the_documented_alias() throws Exception {
        IssuedCredential credential = PKI.issueServerCertificate("cloud-a");
        char[] password = "changeit".toCharArray();

        KeyStore keyStore = credential.toKeyStore(password);

        assertThat(keyStore.getKey(IssuedCredential.KEY_STORE_ALIAS, password)).isEqualTo(credential.privateKey());
        assertThat(keyStore.getCertificateChain(IssuedCredential.KEY_STORE_ALIAS))
                .containsExactlyElementsOf(credential.chain());
    }

    @Test
    void string_forms_do_not_reveal_private_keys() {
        IssuedCredential credential = PKI.issueServerCertificate("cloud-a");
        String encodedKey = Base64.getEncoder().encodeToString(credential.privateKey().getEncoded());

        assertThat(credential.toString()).isEqualTo("IssuedCredential[CN=cloud-a]").doesNotContain(encodedKey);
        assertThat(PKI.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void issued_credential_requires_a_leaf() {
        PrivateKey key = PKI.issueClientCertificate("client").privateKey();

        assertThatThrownBy(() -> new IssuedCredential(key, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** 253 characters of valid labels: the longest DNS name. */
    static String longestName() {
        return ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) throws Exception {
        return SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifier();
    }

    static byte[] authorityKeyIdentifier(X509Certificate certificate) throws Exception {
        return AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                .getKeyIdentifierOctets();
    }
}
