package dev.onvifcloud.cloud.node;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certification authority minted per test run and unrelated to the development PKI, shaped like a commercial or
 * corporate one: a self-signed root, an intermediate it issued, and server leaves the intermediate issues.
 */
final class PrivateCa {

    private static final SecureRandom RANDOM = new SecureRandom();

    final String name;
    final KeyPair rootKey;
    final X509Certificate root;
    final KeyPair intermediateKey;
    final X509Certificate intermediate;

    /** A leaf's key and certificate; {@link #chain()} is the leaf and the intermediate (the root left out). */
    record Leaf(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {
        List<X509Certificate> chain() {
            return List.of(certificate, issuer);
        }
    }

    /**
     * What a leaf looks like.
     *
     * @param extendedKeyUsage empty for no extension at all
     */
    record LeafSpec(List<String> dnsNames, List<String> ipAddresses, Optional<List<KeyPurposeId>> extendedKeyUsage,
                    Instant notBefore, Instant notAfter, String keyAlgorithm) {

        /** Server auth for {@code localhost} and {@code 127.0.0.1}, valid from an hour ago for 30 days, EC P-256. */
        static LeafSpec server() {
            Instant now = Instant.now();
            return new LeafSpec(List.of("localhost"), List.of("127.0.0.1"),
                    Optional.of(List.of(KeyPurposeId.id_kp_serverAuth)), now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(30)), "EC");
        }

        LeafSpec names(List<String> dns, List<String> ips) {
            return new LeafSpec(dns, ips, extendedKeyUsage, notBefore, notAfter, keyAlgorithm);
        }

        LeafSpec extendedKeyUsage(Optional<List<KeyPurposeId>> value) {
            return new LeafSpec(dnsNames, ipAddresses, value, notBefore, notAfter, keyAlgorithm);
        }

        LeafSpec validity(Instant from, Instant until) {
            return new LeafSpec(dnsNames, ipAddresses, extendedKeyUsage, from, until, keyAlgorithm);
        }

        LeafSpec keyAlgorithm(String value) {
            return new LeafSpec(dnsNames, ipAddresses, extendedKeyUsage, notBefore, notAfter, value);
        }
    }

    private PrivateCa(String name) {
        this.name = name;
        Instant now = Instant.now();
        rootKey = keyPair("EC");
        root = sign(new X500Name("CN=" + name + " Root CA,O=" + name), rootKey.getPrivate(), "CN=" + name + " Root CA,O=" + name,
                rootKey.getPublic(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true,
                List.of(), List.of(), Optional.empty());
        intermediateKey = keyPair("EC");
        intermediate = sign(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()), rootKey.getPrivate(),
                "CN=" + name + " Issuing CA,O=" + name, intermediateKey.getPublic(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1825)), true, List.of(), List.of(), Optional.empty());
    }

    static PrivateCa create(String name) {
        return new PrivateCa(name);
    }

    /** A server leaf for {@code localhost} and {@code 127.0.0.1}. */
    Leaf server(String commonName) {
        return leaf(commonName, LeafSpec.server());
    }

    Leaf leaf(String commonName, LeafSpec spec) {
        KeyPair key = keyPair(spec.keyAlgorithm());
        X509Certificate certificate = sign(X500Name.getInstance(intermediate.getSubjectX500Principal().getEncoded()),
                intermediateKey.getPrivate(), "CN=" + commonName + ",O=" + name, key.getPublic(), spec.notBefore(),
                spec.notAfter(), false, spec.dnsNames(), spec.ipAddresses(), spec.extendedKeyUsage());
        return new Leaf(key.getPrivate(), certificate, intermediate);
    }

    /** The identity of a server leaf, anchored in the root. */
    TlsIdentity identity(Leaf leaf) {
        return new TlsIdentity(leaf.privateKey(), leaf.chain(), root);
    }

    static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if ("EC".equals(algorithm)) {
                generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            } else {
                generator.initialize(2048, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name issuer, PrivateKey issuerKey, String subject, PublicKey publicKey,
                                        Instant notBefore, Instant notAfter, boolean ca, List<String> dnsNames,
                                        List<String> ipAddresses, Optional<List<KeyPurposeId>> extendedKeyUsage) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(128, RANDOM).add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), publicKey);
            builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(1)
                    : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
            ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            if (extendedKeyUsage.isPresent()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(extendedKeyUsage.get().toArray(KeyPurposeId[]::new)));
            }
            String algorithm = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot mint a test certificate", e);
        }
    }
}
