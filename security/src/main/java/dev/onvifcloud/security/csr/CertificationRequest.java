package dev.onvifcloud.security.csr;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException.Reason;
import dev.onvifcloud.security.jose.Ecdsa;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A PKCS#10 certification request (RFC 2986) that was parsed and verified: its DER is canonical, its self-signature
 * (proof of possession of the private key) verifies, and its key and signature algorithm meet our policy.
 *
 * <p>Accepted keys: EC on P-256, P-384 or P-521; RSA of 2048 to 8192 bits with an odd public exponent of at least
 * 65537 (and under 2^256). Accepted signatures: ECDSA with SHA-256, SHA-384 or SHA-512 for EC keys; RSASSA-PKCS1-v1_5
 * with SHA-256, SHA-384 or SHA-512 for RSA keys. The request's attributes (such as an extension request) are carried
 * in {@link #der()} but not interpreted.
 *
 * <p>Immutable; equal when the DER encodings are equal.
 */
public final class CertificationRequest {

    /** Default limit on the DER size, in bytes: far above any real request (an RSA 8192 request is about 2 KiB). */
    public static final int DEFAULT_MAX_SIZE = 16 * 1024;

    private static final Base64.Encoder PEM_LINES =
            Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ((?:NEW )?)CERTIFICATE REQUEST-----"
                    + "([A-Za-z0-9+/= \\t\\r\\n]*)"
                    + "-----END \\1CERTIFICATE REQUEST-----");
    private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\r\\n]+");
    private static final int MIN_RSA_BITS = 2048;
    private static final int MAX_RSA_BITS = 8192;
    private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
    private static final int MAX_RSA_EXPONENT_BITS = 256;
    private static final Map<ASN1ObjectIdentifier, KeyType> CURVES = Map.of(
            X9ObjectIdentifiers.prime256v1, KeyType.EC_P256,
            SECObjectIdentifiers.secp384r1, KeyType.EC_P384,
            SECObjectIdentifiers.secp521r1, KeyType.EC_P521);
    private static final Map<KeyType, String> JDK_CURVE_NAMES = Map.of(
            KeyType.EC_P256, "secp256r1", KeyType.EC_P384, "secp384r1", KeyType.EC_P521, "secp521r1");

    /** Signature algorithms we accept, by OID. */
    private enum SignatureAlgorithm {
        ECDSA_SHA256(X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA", KeyType.Family.EC),
        ECDSA_SHA384(X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA", KeyType.Family.EC),
        ECDSA_SHA512(X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA", KeyType.Family.EC),
        RSA_SHA256(PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA", KeyType.Family.RSA),
        RSA_SHA384(PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA", KeyType.Family.RSA),
        RSA_SHA512(PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA", KeyType.Family.RSA);

        final ASN1ObjectIdentifier oid;
        final String jcaName;
        final KeyType.Family family;

        SignatureAlgorithm(ASN1ObjectIdentifier oid, String jcaName, KeyType.Family family) {
            this.oid = oid;
            this.jcaName = jcaName;
            this.family = family;
        }
    }

    private final byte[] der;
    private final X500Principal subject;
    private final PublicKey publicKey;
    private final KeyType keyType;
    private final SignatureAlgorithm signatureAlgorithm;
    private final String thumbprint;

    private CertificationRequest(byte[] der, X500Principal subject, PublicKey publicKey, KeyType keyType,
            SignatureAlgorithm signatureAlgorithm) {
        this.der = der;
        this.subject = subject;
        this.publicKey = publicKey;
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
        this.thumbprint = JwkThumbprint.sha256(publicKey);
    }

    // ---------------------------------------------------------------------------------------------- creating

    /**
     * Creates and signs a request for {@code keyPair}: SHA256withECDSA for P-256, SHA384withECDSA for P-384,
     * SHA512withECDSA for P-521, SHA256withRSA for RSA.
     *
     * @param subject an RFC 4514 distinguished name such as {@code "CN=camera-42,O=Acme"}
     * @throws IllegalArgumentException if the subject is not a distinguished name, or the key pair is refused by the
     *     same policy as {@link #parse(byte[])} (weak or unsupported key, private key not matching the public key)
     */
    public static CertificationRequest create(KeyPair keyPair, String subject) {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(subject, "subject");
        X500Principal principal = new X500Principal(subject);
        try {
            AcceptedKey key = acceptKey(SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded()));
            String algorithm = switch (key.type().family()) {
                case RSA -> "SHA256withRSA";
                case EC -> key.type().size() == 256 ? "SHA256withECDSA"
                        : key.type().size() == 384 ? "SHA384withECDSA" : "SHA512withECDSA";
            };
            byte[] der = new JcaPKCS10CertificationRequestBuilder(principal, keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(algorithm).build(keyPair.getPrivate()))
                    .getEncoded();
            return parse(der);
        } catch (CertificationRequestRejectedException e) {
            throw new IllegalArgumentException("key pair refused: " + e.getMessage(), e);
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign a certification request", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- parsing

    /** {@link #parse(String, int)} with {@link #DEFAULT_MAX_SIZE}. */
    public static CertificationRequest parse(String text) throws CertificationRequestRejectedException {
        return parse(text, DEFAULT_MAX_SIZE);
    }

    /**
     * Parses and verifies a request given as standard base64 of its DER (the ONVIF {@code devicePublicKey} form) or as
     * one PEM block labelled "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST". Spaces, tabs and line breaks are
     * tolerated anywhere in the base64; nothing but them may surround the PEM block.
     *
     * @param maxSize the largest DER accepted, in bytes; the text's length is checked against it before decoding
     * @throws IllegalArgumentException if {@code maxSize} is not positive
     */
    public static CertificationRequest parse(String text, int maxSize) throws CertificationRequestRejectedException {
        Objects.requireNonNull(text, "text");
        long maxBase64 = 4L * ((checkedMaxSize(maxSize) + 2L) / 3);
        // Generous for whitespace, yet bounded before any regular expression or decoding runs.
        if (text.length() > 2 * maxBase64 + 1024) {
            throw new CertificationRequestRejectedException(Reason.TOO_LARGE, "text longer than the limit allows");
        }
        String body = trim(text);
        if (body.startsWith("-----")) {
            Matcher pem = PEM.matcher(body);
            if (!pem.matches()) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED,
                        "not a single PEM CERTIFICATE REQUEST block");
            }
            body = pem.group(2);
        }
        String base64 = WHITESPACE.matcher(body).replaceAll("");
        if (base64.length() > maxBase64) {
            throw new CertificationRequestRejectedException(Reason.TOO_LARGE, "larger than " + maxSize + " bytes");
        }
        // RFC 4648 section 4: the standard alphabet, padded. The decoder refuses other characters.
        if (base64.length() % 4 != 0) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "not standard padded base64");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "not standard padded base64", e);
        }
        return parse(der, maxSize);
    }

    /** {@link #parse(byte[], int)} with {@link #DEFAULT_MAX_SIZE}. */
    public static CertificationRequest parse(byte[] der) throws CertificationRequestRejectedException {
        return parse(der, DEFAULT_MAX_SIZE);
    }

    /**
     * Parses and verifies the DER of a request. The encoding must be canonical DER with nothing after it, the
     * version 1 (0), the key and signature algorithm acceptable and the signature valid.
     *
     * @param maxSize the largest DER accepted, in bytes, checked before decoding
     * @throws IllegalArgumentException if {@code maxSize} is not positive
     */
    public static CertificationRequest parse(byte[] der, int maxSize) throws CertificationRequestRejectedException {
        Objects.requireNonNull(der, "der");
        if (der.length > checkedMaxSize(maxSize)) {
            throw new CertificationRequestRejectedException(Reason.TOO_LARGE, "larger than " + maxSize + " bytes");
        }
        byte[] copy = der.clone();
        org.bouncycastle.asn1.pkcs.CertificationRequest structure = structure(copy);
        CertificationRequestInfo info = structure.getCertificationRequestInfo();
        X500Principal subject;
        try {
            subject = new X500Principal(info.getSubject().getEncoded(ASN1Encoding.DER));
        } catch (IOException | RuntimeException e) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "unreadable subject", e);
        }
        AcceptedKey key = acceptKey(info.getSubjectPublicKeyInfo());
        SignatureAlgorithm algorithm = signatureAlgorithm(structure.getSignatureAlgorithm());
        if (algorithm.family != key.type().family()) {
            throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM,
                    algorithm.jcaName + " does not fit an " + key.type() + " key");
        }
        verifySignature(structure, info.getSubjectPublicKeyInfo());
        return new CertificationRequest(copy, subject, key.publicKey(), key.type(), algorithm);
    }

    // ---------------------------------------------------------------------------------------------- accessors

    /** The subject distinguished name; {@code subject().getName()} gives it as RFC 2253 text. */
    public X500Principal subject() {
        return subject;
    }

    /** The subject's public key, as a JDK {@link ECPublicKey} or {@link RSAPublicKey}. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The key's type, such as {@code EC P-256} or {@code RSA 2048}. */
    public KeyType keyType() {
        return keyType;
    }

    /** The JCA name of the signature algorithm, such as {@code SHA256withECDSA}. */
    public String signatureAlgorithm() {
        return signatureAlgorithm.jcaName;
    }

    /** The public key as a JWK (RFC 7517) without optional members. */
    public JWK jwk() {
        if (publicKey instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        return new RSAKey.Builder((RSAPublicKey) publicKey).build();
    }

    /** The JWK Thumbprint (RFC 7638) of the public key with SHA-256, base64url without padding. */
    public String thumbprint() {
        return thumbprint;
    }

    /** A copy of the DER encoding. */
    public byte[] der() {
        return der.clone();
    }

    /** Standard base64 of the DER on one line: the ONVIF {@code devicePublicKey} form. */
    public String toBase64Der() {
        return Base64.getEncoder().encodeToString(der);
    }

    /** PEM "CERTIFICATE REQUEST" with 64-character lines and LF line ends, as {@code openssl req} reads it. */
    public String toPem() {
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + PEM_LINES.encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificationRequest request && Arrays.equals(der, request.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "CertificationRequest[subject=" + subject.getName() + ", keyType=" + keyType + ", thumbprint="
                + thumbprint + "]";
    }

    // ---------------------------------------------------------------------------------------------- policy

    private record AcceptedKey(KeyType type, PublicKey publicKey) {
    }

    /** Canonical DER of a version 1 CertificationRequest, with nothing before or after it. */
    private static org.bouncycastle.asn1.pkcs.CertificationRequest structure(byte[] der)
            throws CertificationRequestRejectedException {
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            ASN1Primitive primitive = in.readObject();
            if (primitive == null) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED, "empty");
            }
            // Its canonical DER must be the input, byte for byte: this refuses trailing bytes and BER (indefinite or
            // long-form lengths, unsorted sets), which would let several encodings share one signature.
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED, "not DER");
            }
            org.bouncycastle.asn1.pkcs.CertificationRequest structure =
                    org.bouncycastle.asn1.pkcs.CertificationRequest.getInstance(primitive);
            CertificationRequestInfo info = structure.getCertificationRequestInfo();
            if (!info.getVersion().hasValue(0)) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED, "version is not 1");
            }
            if (structure.getSignature().getPadBits() != 0) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED, "signature is not whole octets");
            }
            return structure;
        } catch (IOException | RuntimeException e) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "not a CertificationRequest", e);
        }
    }

    private static AcceptedKey acceptKey(SubjectPublicKeyInfo info) throws CertificationRequestRejectedException {
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return acceptEcKey(info);
        }
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return acceptRsaKey(info);
        }
        throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_KEY, "key algorithm " + algorithm);
    }

    private static AcceptedKey acceptEcKey(SubjectPublicKeyInfo info) throws CertificationRequestRejectedException {
        // RFC 5480 section 2.1.1: a named curve; implicitCurve and specifiedCurve (explicit parameters) are not for us.
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_KEY, "EC key without a named curve");
        }
        KeyType type = CURVES.get(curve);
        X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
        if (type == null) {
            if (x9 != null && x9.getCurve().getFieldSize() < 256) {
                throw new CertificationRequestRejectedException(Reason.WEAK_KEY,
                        "EC curve of " + x9.getCurve().getFieldSize() + " bits");
            }
            throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_KEY, "EC curve " + curve);
        }
        ECPoint point;
        try {
            // Decodes compressed or uncompressed points and checks that the point is on the curve.
            point = x9.getCurve().decodePoint(info.getPublicKeyData().getOctets()).normalize();
        } catch (RuntimeException e) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "EC point not on the curve", e);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "EC point not on the curve");
        }
        try {
            AlgorithmParameters jdkParameters = AlgorithmParameters.getInstance("EC");
            jdkParameters.init(new ECGenParameterSpec(JDK_CURVE_NAMES.get(type)));
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(point.getAffineXCoord().toBigInteger(),
                            point.getAffineYCoord().toBigInteger()),
                    jdkParameters.getParameterSpec(ECParameterSpec.class)));
            return new AcceptedKey(type, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot represent " + type + " keys", e);
        }
    }

    private static AcceptedKey acceptRsaKey(SubjectPublicKeyInfo info) throws CertificationRequestRejectedException {
        ASN1Encodable parameters = info.getAlgorithm().getParameters();
        if (parameters != null && !DERNull.INSTANCE.equals(parameters)) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "rsaEncryption with parameters");
        }
        BigInteger modulus;
        BigInteger exponent;
        try {
            // RFC 8017 appendix A.1.1, read here rather than by Bouncy Castle, which takes negative INTEGERs as
            // unsigned.
            ASN1Sequence rsa = ASN1Sequence.getInstance(info.parsePublicKey());
            if (rsa.size() != 2) {
                throw new CertificationRequestRejectedException(Reason.MALFORMED, "not an RSAPublicKey");
            }
            modulus = ASN1Integer.getInstance(rsa.getObjectAt(0)).getValue();
            exponent = ASN1Integer.getInstance(rsa.getObjectAt(1)).getValue();
        } catch (IOException | RuntimeException e) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "unreadable RSA public key", e);
        }
        if (modulus.signum() <= 0 || exponent.signum() <= 0) {
            throw new CertificationRequestRejectedException(Reason.MALFORMED, "RSA key with a negative value");
        }
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new CertificationRequestRejectedException(Reason.WEAK_KEY,
                    "RSA modulus of " + bits + " bits, at least " + MIN_RSA_BITS + " required");
        }
        if (bits > MAX_RSA_BITS) {
            throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_KEY,
                    "RSA modulus of " + bits + " bits, at most " + MAX_RSA_BITS + " accepted");
        }
        if (!modulus.testBit(0)) {
            throw new CertificationRequestRejectedException(Reason.WEAK_KEY, "even RSA modulus");
        }
        if (!exponent.testBit(0) || exponent.compareTo(MIN_RSA_EXPONENT) < 0
                || exponent.bitLength() > MAX_RSA_EXPONENT_BITS) {
            throw new CertificationRequestRejectedException(Reason.WEAK_KEY,
                    "RSA public exponent must be odd, at least 65537 and under 2^256");
        }
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
            return new AcceptedKey(KeyType.rsa(bits), key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot represent RSA keys", e);
        }
    }

    private static SignatureAlgorithm signatureAlgorithm(AlgorithmIdentifier identifier)
            throws CertificationRequestRejectedException {
        for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
            if (algorithm.oid.equals(identifier.getAlgorithm())) {
                ASN1Encodable parameters = identifier.getParameters();
                // RFC 5758 section 3.2: ECDSA parameters absent. RFC 4055 section 5: RSA parameters NULL (or absent).
                boolean wellFormed = algorithm.family == KeyType.Family.EC ? parameters == null
                        : parameters == null || DERNull.INSTANCE.equals(parameters);
                if (!wellFormed) {
                    throw new CertificationRequestRejectedException(Reason.MALFORMED,
                            "unexpected parameters for " + algorithm.jcaName);
                }
                return algorithm;
            }
        }
        throw new CertificationRequestRejectedException(Reason.UNSUPPORTED_SIGNATURE_ALGORITHM,
                "signature algorithm " + identifier.getAlgorithm());
    }

    private static void verifySignature(org.bouncycastle.asn1.pkcs.CertificationRequest structure,
            SubjectPublicKeyInfo key) throws CertificationRequestRejectedException {
        boolean valid;
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder()
                    .setProvider(Ecdsa.provider())
                    .build(key);
            valid = new PKCS10CertificationRequest(structure).isSignatureValid(verifier);
        } catch (OperatorCreationException | PKCSException | RuntimeException e) {
            throw new CertificationRequestRejectedException(Reason.BAD_SIGNATURE, "signature does not verify", e);
        }
        if (!valid) {
            throw new CertificationRequestRejectedException(Reason.BAD_SIGNATURE, "signature does not verify");
        }
    }

    private static int checkedMaxSize(int maxSize) {
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize must be positive");
        }
        return maxSize;
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
