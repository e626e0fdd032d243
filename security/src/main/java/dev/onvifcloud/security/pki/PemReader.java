package dev.onvifcloud.security.pki;

import dev.onvifcloud.security.pki.PemRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads X.509 certificates and private keys from PEM text (RFC 7468), as written by OpenSSL, a CA or
 * {@link IssuedCredential}. Text outside the blocks (comments, {@code openssl x509 -text} output) is ignored.
 *
 * <ul>
 *   <li>Certificates: one or more {@code CERTIFICATE} blocks (also {@code X509 CERTIFICATE} and OpenSSL's
 *   {@code TRUSTED CERTIFICATE}), in the order they appear, at most {@link #MAX_CERTIFICATES}; any other block is
 *   refused.</li>
 *   <li>A private key: exactly one {@code PRIVATE KEY} (unencrypted PKCS#8), {@code EC PRIVATE KEY} (RFC 5915) or
 *   {@code RSA PRIVATE KEY} (PKCS#1) block, loaded by the JDK's providers; an {@code EC PARAMETERS} block beside it
 *   (as {@code openssl ecparam -genkey} writes) names the curve of an EC key that does not name it itself. Encrypted keys are refused: decrypt them first
 *   ({@code openssl pkey -in key.pem -out plain.pem}).</li>
 * </ul>
 *
 * <p>Input over {@link #MAX_BYTES} is refused before it is parsed. Every method throws {@link PemRejectedException}
 * with its {@link Reason} for input it refuses. Reads no files: callers pass the text.
 */
public final class PemReader {

    /** The most bytes of PEM text accepted (1 MiB). */
    public static final int MAX_BYTES = 1024 * 1024;
    /** The most certificates accepted in one text. */
    public static final int MAX_CERTIFICATES = 16;

    private static final List<String> CERTIFICATE_LABELS = List.of("CERTIFICATE", "X509 CERTIFICATE",
            "TRUSTED CERTIFICATE");
    private static final List<String> PRIVATE_KEY_LABELS = List.of("PRIVATE KEY", "EC PRIVATE KEY",
            "RSA PRIVATE KEY");

    private PemReader() {
    }

    /** The certificates of UTF-8 (or ASCII) PEM text, in order. */
    public static List<X509Certificate> certificates(byte[] pem) {
        return certificates(text(pem));
    }

    /** The certificates of PEM text, in order. */
    public static List<X509Certificate> certificates(String pem) {
        List<PemObject> blocks = blocks(pem);
        List<X509Certificate> certificates = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            PemObject block = blocks.get(i);
            if (!CERTIFICATE_LABELS.contains(block.getType())) {
                throw new PemRejectedException(Reason.UNEXPECTED_BLOCK, "block " + (i + 1) + " is " + label(block)
                        + ", expected only CERTIFICATE blocks");
            }
            if (certificates.size() == MAX_CERTIFICATES) {
                throw new PemRejectedException(Reason.TOO_MANY_CERTIFICATES, "more than " + MAX_CERTIFICATES
                        + " certificates");
            }
            certificates.add(certificate(block, i + 1));
        }
        if (certificates.isEmpty()) {
            throw new PemRejectedException(Reason.NOTHING_FOUND, "no -----BEGIN CERTIFICATE----- block");
        }
        return List.copyOf(certificates);
    }

    /** The one private key of UTF-8 (or ASCII) PEM text. */
    public static PrivateKey privateKey(byte[] pem) {
        return privateKey(text(pem));
    }

    /** The one private key of PEM text. */
    public static PrivateKey privateKey(String pem) {
        List<PemObject> blocks = blocks(pem);
        Optional<byte[]> curve = blocks.stream().filter(block -> "EC PARAMETERS".equals(block.getType()))
                .map(PemObject::getContent).findFirst();
        PrivateKey key = null;
        for (int i = 0; i < blocks.size(); i++) {
            PemObject block = blocks.get(i);
            String type = block.getType();
            if ("EC PARAMETERS".equals(type)) {
                continue;
            }
            if ("ENCRYPTED PRIVATE KEY".equals(type) || isEncrypted(block)) {
                throw new PemRejectedException(Reason.ENCRYPTED_PRIVATE_KEY, "block " + (i + 1) + " is an encrypted "
                        + type + "; decrypt it first (openssl pkey -in KEY -out PLAIN) and keep the result private");
            }
            if (!PRIVATE_KEY_LABELS.contains(type)) {
                throw new PemRejectedException(Reason.UNEXPECTED_BLOCK, "block " + (i + 1) + " is " + label(block)
                        + ", expected one PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block");
            }
            if (key != null) {
                throw new PemRejectedException(Reason.MORE_THAN_ONE_PRIVATE_KEY, "block " + (i + 1)
                        + " is a second private key");
            }
            key = privateKey(block, i + 1, curve);
        }
        if (key == null) {
            throw new PemRejectedException(Reason.NOTHING_FOUND, "no -----BEGIN PRIVATE KEY----- block");
        }
        return key;
    }

    private static String text(byte[] pem) {
        Objects.requireNonNull(pem, "pem");
        if (pem.length > MAX_BYTES) {
            throw tooLarge();
        }
        return new String(pem, StandardCharsets.UTF_8);
    }

    private static PemRejectedException tooLarge() {
        return new PemRejectedException(Reason.TOO_LARGE, "more than " + MAX_BYTES + " bytes");
    }

    private static List<PemObject> blocks(String pem) {
        Objects.requireNonNull(pem, "pem");
        if (pem.length() > MAX_BYTES || pem.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw tooLarge();
        }
        List<PemObject> blocks = new ArrayList<>();
        try (org.bouncycastle.util.io.pem.PemReader reader =
                     new org.bouncycastle.util.io.pem.PemReader(new StringReader(pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) { // BC reports bad base64 as a runtime DecoderException
            throw new PemRejectedException(Reason.MALFORMED, "block " + (blocks.size() + 1)
                    + " is not valid PEM (" + e.getClass().getSimpleName() + ")", e);
        }
        return blocks;
    }

    private static X509Certificate certificate(PemObject block, int position) {
        try {
            byte[] der = block.getContent();
            if ("TRUSTED CERTIFICATE".equals(block.getType())) {
                der = new X509TrustedCertificateBlock(der).getCertificateHolder().getEncoded();
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IOException | RuntimeException e) {
            throw new PemRejectedException(Reason.MALFORMED, "block " + position + " (" + block.getType()
                    + ") is not an X.509 certificate", e);
        }
    }

    /** @param separateCurve the content of an {@code EC PARAMETERS} block, for an EC key without its curve */
    private static PrivateKey privateKey(PemObject block, int position, Optional<byte[]> separateCurve) {
        try {
            PrivateKeyInfo info = switch (block.getType()) {
                case "EC PRIVATE KEY" -> {
                    ECPrivateKey ec = ECPrivateKey.getInstance(block.getContent());
                    ASN1Encodable curve = ec.getParametersObject();
                    if (curve == null && separateCurve.isPresent()) {
                        curve = ASN1Primitive.fromByteArray(separateCurve.get());
                    }
                    if (curve == null) {
                        throw new IllegalArgumentException("no curve parameters");
                    }
                    yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
                }
                case "RSA PRIVATE KEY" -> new PrivateKeyInfo(new AlgorithmIdentifier(
                        PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(block.getContent()));
                default -> PrivateKeyInfo.getInstance(block.getContent());
            };
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new PemRejectedException(Reason.MALFORMED, "block " + position + " (" + block.getType()
                    + ") is not a private key the JDK can load", e);
        }
    }

    /** RFC 1421 encapsulation as OpenSSL writes it: {@code Proc-Type: 4,ENCRYPTED}. */
    private static boolean isEncrypted(PemObject block) {
        for (Object header : block.getHeaders()) {
            if (header instanceof PemHeader pemHeader && "Proc-Type".equalsIgnoreCase(pemHeader.getName())
                    && pemHeader.getValue() != null && pemHeader.getValue().contains("ENCRYPTED")) {
                return true;
            }
        }
        return false;
    }

    private static String label(PemObject block) {
        return "'" + block.getType() + "'";
    }
}
