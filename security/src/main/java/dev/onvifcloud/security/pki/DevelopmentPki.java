package dev.onvifcloud.security.pki;

import dev.onvifcloud.security.pki.DevelopmentPkiRejectedException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI: a local TLS CA (trust anchor for the clouds' TLS server and client certificates) and a
 * manufacturer CA (trust anchor for cameras' birth certificates), both minted in code.
 *
 * <p>Keys are EC P-256 from the JDK's providers, certificates are signed SHA256withECDSA. CA certificates carry
 * basicConstraints critical CA:true pathlen:0 and keyUsage critical keyCertSign, cRLSign; leaves carry
 * basicConstraints critical CA:false, keyUsage critical digitalSignature and the extended key usage of their role.
 * Every certificate has a subject and authority key identifier and a random positive 128-bit serial number. Validity
 * starts one hour before the clock's current instant (tolerating skew between hosts); CAs last {@link #CA_VALIDITY},
 * leaves {@link #LEAF_VALIDITY}, never past their CA.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class DevelopmentPki {

    /** {@link #exportPem()} key of the local CA certificate (PEM "CERTIFICATE"). */
    public static final String LOCAL_CA_CERTIFICATE = "local-ca-certificate.pem";
    /** {@link #exportPem()} key of the local CA private key (PEM "PRIVATE KEY", unencrypted PKCS#8). */
    public static final String LOCAL_CA_PRIVATE_KEY = "local-ca-private-key.pem";
    /** {@link #exportPem()} key of the manufacturer CA certificate (PEM "CERTIFICATE"). */
    public static final String MANUFACTURER_CA_CERTIFICATE = "manufacturer-ca-certificate.pem";
    /** {@link #exportPem()} key of the manufacturer CA private key (PEM "PRIVATE KEY", unencrypted PKCS#8). */
    public static final String MANUFACTURER_CA_PRIVATE_KEY = "manufacturer-ca-private-key.pem";

    /** Subject of the local TLS CA, RFC 4514. */
    public static final String LOCAL_CA_SUBJECT = "CN=onvif-cloud development local CA,O=onvif-cloud development";
    /** Subject of the manufacturer CA, RFC 4514. */
    public static final String MANUFACTURER_CA_SUBJECT =
            "CN=onvif-cloud development manufacturer CA,O=onvif-cloud development";

    /** How long a CA certificate is valid from its issue. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** How long a leaf certificate is valid from its issue (at most until its CA expires). */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** How far before the clock's instant validity starts. */
    public static final Duration BACKDATING = Duration.ofHours(1);

    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final String CURVE = "secp256r1";
    /** RFC 5280 upper bounds ub-common-name, ub-organization-name and ub-serial-number. */
    private static final int MAX_NAME_LENGTH = 64;
    private static final Pattern PRINTABLE_STRING = Pattern.compile("[A-Za-z0-9 '()+,\\-./:=?]+");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Set<String> ENTRIES = Set.of(
            LOCAL_CA_CERTIFICATE, LOCAL_CA_PRIVATE_KEY, MANUFACTURER_CA_CERTIFICATE, MANUFACTURER_CA_PRIVATE_KEY);

    private final Clock clock;
    private final SecureRandom random;
    private final Authority localCa;
    private final Authority manufacturerCa;

    /** A CA's key and self-signed certificate. */
    private record Authority(PrivateKey privateKey, X509Certificate certificate) {
    }

    private DevelopmentPki(Clock clock, SecureRandom random, Authority localCa, Authority manufacturerCa) {
        this.clock = clock;
        this.random = random;
        this.localCa = localCa;
        this.manufacturerCa = manufacturerCa;
    }

    /** Mints a fresh local TLS CA and manufacturer CA, valid from the clock's instant minus {@link #BACKDATING}. */
    public static DevelopmentPki generate(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant();
        return new DevelopmentPki(clock, random,
                authority(LOCAL_CA_SUBJECT, now, random),
                authority(MANUFACTURER_CA_SUBJECT, now, random));
    }

    /** Trust anchor for the clouds' TLS server (and client) certificates. */
    public X509Certificate localCaCertificate() {
        return localCa.certificate();
    }

    /** Trust anchor for cameras' birth certificates. */
    public X509Certificate manufacturerCaCertificate() {
        return manufacturerCa.certificate();
    }

    /** A TLS server certificate from the local CA for {@code localhost}, {@code 127.0.0.1} and {@code ::1}. */
    public IssuedCredential issueServerCertificate(String commonName) {
        return issueServerCertificate(commonName, List.of("localhost"), List.of("127.0.0.1", "::1"));
    }

    /**
     * A TLS server certificate from the local CA (EKU serverAuth) whose subjectAltName holds the given DNS names and
     * IP address literals; at least one of them is required, as TLS clients ignore the common name.
     *
     * @throws IllegalArgumentException for a blank common name or one over 64 characters (RFC 5280's upper bound),
     *     an invalid DNS name or an IP address that is not an IPv4 or IPv6 literal
     */
    public IssuedCredential issueServerCertificate(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        List<GeneralName> names = new ArrayList<>();
        for (String dnsName : dnsNames) {
            if (dnsName == null || dnsName.length() > 253 || !DNS_NAME.matcher(dnsName).matches()) {
                throw new IllegalArgumentException("not a DNS name: " + dnsName);
            }
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        for (String ipAddress : ipAddresses) {
            // Bouncy Castle refuses anything but an IPv4 or IPv6 literal (IllegalArgumentException).
            names.add(new GeneralName(GeneralName.iPAddress, Objects.requireNonNull(ipAddress, "ipAddress")));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one DNS name or IP address");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, checkedName("commonName", commonName))
                .build();
        return issueLeaf(localCa, subject, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    /** A TLS client certificate from the local CA (EKU clientAuth), for a cloud authenticating with mutual TLS. */
    public IssuedCredential issueClientCertificate(String commonName) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, checkedName("commonName", commonName))
                .build();
        return issueLeaf(localCa, subject, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * A camera's birth certificate from the manufacturer CA (EKU clientAuth) with subject
     * {@code O=manufacturer, CN=model, SERIALNUMBER=serialNumber}; read them back with {@link BirthCertificate}.
     *
     * @throws IllegalArgumentException for a blank value or one over 64 characters (RFC 5280's upper bounds), or a
     *     serial number outside
     *     the ASN.1 PrintableString alphabet (letters, digits, space and {@code '()+,-./:=?})
     */
    public IssuedCredential issueBirthCertificate(String manufacturer, String model, String serialNumber) {
        checkedName("serialNumber", serialNumber);
        if (!PRINTABLE_STRING.matcher(serialNumber).matches()) {
            throw new IllegalArgumentException("serialNumber must be an ASN.1 PrintableString");
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, checkedName("manufacturer", manufacturer))
                .addRDN(BCStyle.CN, checkedName("model", model))
                .addRDN(BCStyle.SERIALNUMBER, serialNumber)
                .build();
        return issueLeaf(manufacturerCa, subject, KeyPurposeId.id_kp_clientAuth, null);
    }

    /**
     * Everything needed to reload both CAs with {@link #importPem}: their certificates and unencrypted private keys
     * as PEM, keyed by {@link #LOCAL_CA_CERTIFICATE}, {@link #LOCAL_CA_PRIVATE_KEY},
     * {@link #MANUFACTURER_CA_CERTIFICATE} and {@link #MANUFACTURER_CA_PRIVATE_KEY} (usable as file names). Whoever
     * persists the keys should make them readable by their owner only.
     */
    public Map<String, String> exportPem() {
        Map<String, String> pem = new LinkedHashMap<>();
        pem.put(LOCAL_CA_CERTIFICATE, certificatePem(localCa.certificate()));
        pem.put(LOCAL_CA_PRIVATE_KEY, Pem.encode("PRIVATE KEY", localCa.privateKey().getEncoded()));
        pem.put(MANUFACTURER_CA_CERTIFICATE, certificatePem(manufacturerCa.certificate()));
        pem.put(MANUFACTURER_CA_PRIVATE_KEY, Pem.encode("PRIVATE KEY", manufacturerCa.privateKey().getEncoded()));
        return Collections.unmodifiableMap(pem);
    }

    /**
     * Reloads a PKI written by {@link #exportPem()}. Each CA certificate must be a single self-signed, currently
     * valid EC CA certificate that may sign certificates, and each key a single PKCS#8 EC private key matching it.
     *
     * @throws DevelopmentPkiRejectedException naming the first offending entry and the reason
     */
    public static DevelopmentPki importPem(Map<String, String> pem, Clock clock) {
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(clock, "clock");
        for (String entry : pem.keySet()) {
            if (!ENTRIES.contains(entry)) {
                throw new DevelopmentPkiRejectedException(Reason.UNKNOWN_ENTRY, String.valueOf(entry));
            }
        }
        Instant now = clock.instant();
        return new DevelopmentPki(clock, new SecureRandom(),
                importAuthority(pem, LOCAL_CA_CERTIFICATE, LOCAL_CA_PRIVATE_KEY, now),
                importAuthority(pem, MANUFACTURER_CA_CERTIFICATE, MANUFACTURER_CA_PRIVATE_KEY, now));
    }

    @Override
    public String toString() {
        return "DevelopmentPki[local CA serial " + localCa.certificate().getSerialNumber().toString(16)
                + ", manufacturer CA serial " + manufacturerCa.certificate().getSerialNumber().toString(16) + "]";
    }

    // ---------------------------------------------------------------------------------------------- minting

    private static Authority authority(String subjectName, Instant now, SecureRandom random) {
        KeyPair keyPair = newKeyPair(random);
        X500Name subject = X500Name.getInstance(new X500Principal(subjectName).getEncoded());
        Instant notBefore = now.minus(BACKDATING).truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(CA_VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        JcaX509ExtensionUtils extensionUtils = extensionUtils();
        List<Extension> extensions = List.of(
                extension(Extension.basicConstraints, true, new BasicConstraints(0)),
                extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                extension(Extension.subjectKeyIdentifier, false,
                        extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic())),
                extension(Extension.authorityKeyIdentifier, false,
                        extensionUtils.createAuthorityKeyIdentifier(keyPair.getPublic())));
        X509Certificate certificate = sign(subject, keyPair.getPrivate(), subject, keyPair.getPublic(),
                notBefore, notAfter, extensions, random);
        return new Authority(keyPair.getPrivate(), certificate);
    }

    private IssuedCredential issueLeaf(Authority issuer, X500Name subject, KeyPurposeId purpose,
            GeneralNames subjectAlternativeNames) {
        KeyPair keyPair = newKeyPair(random);
        Instant now = clock.instant();
        Instant notBefore = now.minus(BACKDATING).truncatedTo(ChronoUnit.SECONDS);
        Instant issuerNotAfter = issuer.certificate().getNotAfter().toInstant();
        Instant notAfter = now.plus(LEAF_VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        if (notAfter.isAfter(issuerNotAfter)) {
            notAfter = issuerNotAfter;
        }
        JcaX509ExtensionUtils extensionUtils = extensionUtils();
        List<Extension> extensions = new ArrayList<>(List.of(
                extension(Extension.basicConstraints, true, new BasicConstraints(false)),
                extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)),
                extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose)),
                extension(Extension.subjectKeyIdentifier, false,
                        extensionUtils.createSubjectKeyIdentifier(keyPair.getPublic())),
                extension(Extension.authorityKeyIdentifier, false,
                        extensionUtils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()))));
        if (subjectAlternativeNames != null) {
            extensions.add(extension(Extension.subjectAlternativeName, false, subjectAlternativeNames));
        }
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        X509Certificate certificate = sign(issuerName, issuer.privateKey(), subject, keyPair.getPublic(),
                notBefore, notAfter, extensions, random);
        return new IssuedCredential(keyPair.getPrivate(), List.of(certificate, issuer.certificate()));
    }

    private static X509Certificate sign(X500Name issuer, PrivateKey signingKey, X500Name subject, PublicKey publicKey,
            Instant notBefore, Instant notAfter, List<Extension> extensions, SecureRandom random) {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serialNumber(random),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        try {
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random).build(signingKey));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign a development certificate", e);
        }
    }

    /** A random positive serial number of 128 bits (RFC 5280 allows up to 20 octets). */
    private static BigInteger serialNumber(SecureRandom random) {
        BigInteger serial;
        do {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static KeyPair newKeyPair(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate EC P-256 keys", e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, value.toASN1Primitive().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-1 for key identifiers", e);
        }
    }

    private static String checkedName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return value;
    }

    private static String certificatePem(X509Certificate certificate) {
        try {
            return Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- import

    private static Authority importAuthority(Map<String, String> pem, String certificateEntry, String keyEntry,
            Instant now) {
        X509Certificate certificate = importCertificate(entry(pem, certificateEntry), certificateEntry);
        if (!isSelfSignedCa(certificate)) {
            throw new DevelopmentPkiRejectedException(Reason.NOT_A_CA_CERTIFICATE, certificateEntry);
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new DevelopmentPkiRejectedException(Reason.NOT_VALID_NOW, certificateEntry, e);
        }
        PrivateKey privateKey = importPrivateKey(entry(pem, keyEntry), keyEntry);
        if (!belongTogether(privateKey, certificate.getPublicKey())) {
            throw new DevelopmentPkiRejectedException(Reason.KEY_MISMATCH, keyEntry);
        }
        return new Authority(privateKey, certificate);
    }

    private static String entry(Map<String, String> pem, String entry) {
        String text = pem.get(entry);
        if (text == null || text.isBlank()) {
            throw new DevelopmentPkiRejectedException(Reason.MISSING_ENTRY, entry);
        }
        return text;
    }

    private static X509Certificate importCertificate(String text, String entry) {
        X509Certificate certificate = null;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            if (parser.readObject() instanceof X509CertificateHolder holder && parser.readObject() == null) {
                certificate = new JcaX509CertificateConverter().getCertificate(holder);
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new DevelopmentPkiRejectedException(Reason.MALFORMED_CERTIFICATE, entry, e);
        }
        if (certificate == null) {
            throw new DevelopmentPkiRejectedException(Reason.MALFORMED_CERTIFICATE, entry);
        }
        return certificate;
    }

    private static PrivateKey importPrivateKey(String text, String entry) {
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            if (parser.readObject() instanceof PrivateKeyInfo info && parser.readObject() == null) {
                key = new JcaPEMKeyConverter().getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new DevelopmentPkiRejectedException(Reason.MALFORMED_PRIVATE_KEY, entry, e);
        }
        if (!(key instanceof ECPrivateKey)) {
            throw new DevelopmentPkiRejectedException(Reason.MALFORMED_PRIVATE_KEY, entry);
        }
        return key;
    }

    private static boolean isSelfSignedCa(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (certificate.getBasicConstraints() < 0 || keyUsage == null || keyUsage.length < 6 || !keyUsage[5]
                || !"EC".equals(certificate.getPublicKey().getAlgorithm())
                || !certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Proves the private key belongs to the public key by signing a random challenge. */
    private static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
