package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.node.TlsIdentityRejectedException.Reason;
import dev.onvifcloud.uplink.TlsCredential;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A cloud node's own TLS identity, for its HTTPS API and its uplink acceptor, instead of a certificate minted from the
 * development PKI: the server's private key, its certificate chain (leaf first, each certificate issued by the next;
 * the root may be left out), and the trust anchor that clients and cameras validate the chain with. An Operational
 * Cloud Service sends that anchor to cameras in its certification path validation policy.
 *
 * <p>The constructor checks what does not depend on where and when the node runs: the key belongs to the leaf, the
 * chain is in order, the anchor is the chain's last certificate or issued it, and an extended key usage, if the leaf
 * has one, allows serverAuth; else it throws {@link TlsIdentityRejectedException} naming the reason and the
 * certificate. {@link #check(String, Instant)} adds what a TLS client checks on each connection: every
 * certificate of the chain is valid at that instant and the leaf's subjectAltNames cover the host clients connect to.
 *
 * @param privateKey the leaf's private key (EC, RSA or EdDSA)
 * @param chain the certificate chain, leaf first; never empty
 * @param trustAnchor the CA certificate clients trust for this chain (the chain's last certificate when it is
 *     self-signed, else its issuer)
 */
public record TlsIdentity(PrivateKey privateKey, List<X509Certificate> chain, X509Certificate trustAnchor) {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public TlsIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        checkKey(privateKey, chain.get(0));
        checkOrder(chain);
        checkAnchor(chain.get(chain.size() - 1), trustAnchor);
        checkServerAuth(chain.get(0));
    }

    /**
     * The identity whose trust anchor is the chain's last certificate, which must then be self-signed (a root).
     *
     * @throws TlsIdentityRejectedException with {@link Reason#ANCHOR_REQUIRED} when the last certificate is not
     *     self-signed, or as the constructor
     */
    public static TlsIdentity anchoredInChain(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the leaf certificate");
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (!isSelfSigned(last)) {
            throw new TlsIdentityRejectedException(Reason.ANCHOR_REQUIRED, "the chain's last certificate ("
                    + subject(last) + ") is not self-signed; give the CA certificate that issued it as trust anchor");
        }
        return new TlsIdentity(privateKey, chain, last);
    }

    /** Whether the certificate names itself as issuer and its signature verifies with its own public key. */
    public static boolean isSelfSigned(X509Certificate certificate) {
        return signed(certificate, certificate);
    }

    /** The leaf certificate, {@code chain().get(0)}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Checks that TLS clients connecting to {@code publicHost} at {@code now} would accept the chain: every certificate
     * is within its validity period, and the leaf's subjectAltNames hold {@code publicHost} (a DNS name, matched
     * without regard to case and with a left-most {@code *} label matching one label; or an IP address literal, matched
     * against IP address entries only).
     *
     * @throws TlsIdentityRejectedException with {@link Reason#EXPIRED}, {@link Reason#NOT_YET_VALID} or
     *     {@link Reason#HOST_NOT_COVERED}
     */
    public void check(String publicHost, Instant now) {
        Objects.requireNonNull(publicHost, "publicHost");
        Objects.requireNonNull(now, "now");
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            String which = (i == 0 ? "the leaf " : "chain certificate " + (i + 1) + " ") + subject(certificate);
            try {
                certificate.checkValidity(Date.from(now));
            } catch (CertificateExpiredException e) {
                throw new TlsIdentityRejectedException(Reason.EXPIRED, which + " expired at "
                        + certificate.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new TlsIdentityRejectedException(Reason.NOT_YET_VALID, which + " is valid only from "
                        + certificate.getNotBefore().toInstant());
            }
        }
        if (!covers(certificate(), publicHost)) {
            throw new TlsIdentityRejectedException(Reason.HOST_NOT_COVERED, "the leaf " + subject(certificate())
                    + " has no subjectAltName for the public host " + publicHost + " (it has " + names(certificate())
                    + "); clients and cameras would fail their host name check");
        }
    }

    /** The key and chain, as the TLS servers take them. */
    TlsCredential credential() {
        return new TlsCredential(privateKey, chain);
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + subject(certificate()) + ", anchor " + subject(trustAnchor) + "]";
    }

    private static void checkKey(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new TlsIdentityRejectedException(Reason.UNSUPPORTED_KEY, "a " + key.getAlgorithm()
                    + " private key; EC, RSA and EdDSA keys are supported");
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) { // another key type than the leaf's: a mismatch too
        }
        throw new TlsIdentityRejectedException(Reason.KEY_MISMATCH, "the private key does not belong to the leaf "
                + subject(leaf) + " (a " + key.getAlgorithm() + " key for a " + leaf.getPublicKey().getAlgorithm()
                + " certificate)");
    }

    private static void checkOrder(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!signed(chain.get(i), chain.get(i + 1))) {
                throw new TlsIdentityRejectedException(Reason.CHAIN_OUT_OF_ORDER, "chain certificate " + (i + 1)
                        + " (" + subject(chain.get(i)) + ", issuer " + chain.get(i).getIssuerX500Principal().getName()
                        + ") is not issued and signed by chain certificate " + (i + 2) + " ("
                        + subject(chain.get(i + 1)) + "); give the chain leaf first, each certificate followed by"
                        + " its issuer");
            }
        }
    }

    private static void checkAnchor(X509Certificate last, X509Certificate anchor) {
        if (last.equals(anchor) || signed(last, anchor)) {
            return;
        }
        throw new TlsIdentityRejectedException(Reason.ANCHOR_UNRELATED, "the trust anchor " + subject(anchor)
                + " neither is the chain's last certificate nor issued it (" + subject(last) + ", issuer "
                + last.getIssuerX500Principal().getName() + ")");
    }

    private static void checkServerAuth(X509Certificate leaf) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new TlsIdentityRejectedException(Reason.NOT_FOR_SERVER_AUTH, "the leaf " + subject(leaf)
                    + " has an unreadable extended key usage");
        }
        if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new TlsIdentityRejectedException(Reason.NOT_FOR_SERVER_AUTH, "the leaf " + subject(leaf)
                    + " has an extended key usage without serverAuth (" + usages + "); TLS clients refuse it");
        }
    }

    private static boolean signed(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean covers(X509Certificate leaf, String publicHost) {
        String host = publicHost.replace("[", "").replace("]", "");
        Optional<InetAddress> address = ipLiteral(host);
        for (List<?> name : subjectAltNames(leaf)) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (address.isPresent() && type == IP_ADDRESS && address.equals(ipLiteral(value))) {
                return true;
            }
            if (address.isEmpty() && type == DNS_NAME && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6125 section 6.4: case-insensitive, a wildcard only as the whole left-most label, matching one label. */
    private static boolean dnsMatches(String pattern, String host) {
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1)) && p.indexOf('.', 2) > 0;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static Optional<InetAddress> ipLiteral(String text) {
        boolean ipv4 = IPV4.matcher(text).matches()
                && Pattern.compile("\\.").splitAsStream(text).allMatch(octet -> Integer.parseInt(octet) <= 255);
        if (!ipv4 && !text.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate leaf) {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String names(X509Certificate leaf) {
        List<String> names = subjectAltNames(leaf).stream()
                .filter(name -> (Integer) name.get(0) == DNS_NAME || (Integer) name.get(0) == IP_ADDRESS)
                .map(name -> String.valueOf(name.get(1))).toList();
        return names.isEmpty() ? "no DNS name or IP address" : String.join(", ", names);
    }

    private static String subject(X509Certificate certificate) {
        return "'" + certificate.getSubjectX500Principal().getName() + "'";
    }
}
