package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA for JWS (RFC 7518 section 3.4) on the three curves it names, computed with Bouncy Castle's lightweight API
 * on its optimized curve implementations: the signature is {@code R || S}, each as many bytes as the curve order,
 * never DER. The domain parameters (and so the precomputed multiples of the base point) live as long as the JVM;
 * a key converted once by {@link #publicKey}/{@link #privateKey} keeps its own precomputation, so a verifier or signer
 * that holds it pays for neither again. Signatures use a deterministic {@code k} (RFC 6979, HMAC-DRBG with the
 * curve's hash): no random source per signature, the same signature for the same key and input.
 */
enum EcdsaCurve {

    P_256(Curve.P_256, JWSAlgorithm.ES256, "secp256r1", 32, SHA256Digest::new),
    P_384(Curve.P_384, JWSAlgorithm.ES384, "secp384r1", 48, SHA384Digest::new),
    P_521(Curve.P_521, JWSAlgorithm.ES512, "secp521r1", 66, SHA512Digest::new);

    private final Curve curve;
    private final JWSAlgorithm algorithm;
    private final ECDomainParameters domain;
    private final int scalarBytes;
    private final Supplier<Digest> digest;

    EcdsaCurve(Curve curve, JWSAlgorithm algorithm, String name, int scalarBytes, Supplier<Digest> digest) {
        this.curve = curve;
        this.algorithm = algorithm;
        X9ECParameters parameters = CustomNamedCurves.getByName(name);
        this.domain = new ECDomainParameters(parameters.getCurve(), parameters.getG(), parameters.getN(),
                parameters.getH());
        this.scalarBytes = scalarBytes;
        this.digest = digest;
    }

    /**
     * The curve of a JCA key's parameters.
     *
     * @throws IllegalArgumentException unless P-256, P-384 or P-521
     */
    static EcdsaCurve of(ECParameterSpec parameters) {
        return of(parameters == null ? null : Curve.forECParameterSpec(parameters));
    }

    /**
     * The curve named by a JWK {@code crv}.
     *
     * @throws IllegalArgumentException unless P-256, P-384 or P-521
     */
    static EcdsaCurve of(Curve curve) {
        for (EcdsaCurve candidate : values()) {
            if (candidate.curve.equals(curve)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unsupported EC curve (P-256, P-384 or P-521 expected)");
    }

    /** The one JWS algorithm for this curve. */
    JWSAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Refuses a JWS {@code alg} other than this curve's, as Nimbus's signers and verifiers do.
     *
     * @throws JOSEException naming both algorithms
     */
    void requireAlgorithm(JWSAlgorithm requested) throws JOSEException {
        if (!algorithm.equals(requested)) {
            throw new JOSEException("unsupported JWS algorithm " + requested + ", expected " + algorithm);
        }
    }

    /** Length of a JWS signature on this curve: {@code R || S}. */
    int signatureBytes() {
        return 2 * scalarBytes;
    }

    /**
     * Converts a public key, checking that its point lies on this curve (and is not the point at infinity).
     *
     * @throws IllegalArgumentException otherwise
     */
    ECPublicKeyParameters publicKey(ECPublicKey key) {
        if (of(key.getParams()) != this) {
            throw new IllegalArgumentException("the public key is not on " + curve);
        }
        try {
            ECPoint point = domain.getCurve().createPoint(key.getW().getAffineX(), key.getW().getAffineY());
            return new ECPublicKeyParameters(domain.validatePublicPoint(point), domain);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the public key is not a point of " + curve);
        }
    }

    /**
     * Converts a private key: its scalar must lie in {@code [1, n - 1]}.
     *
     * @throws IllegalArgumentException otherwise
     */
    ECPrivateKeyParameters privateKey(ECPrivateKey key) {
        if (key.getParams() != null && of(key.getParams()) != this) {
            throw new IllegalArgumentException("the private key is not on " + curve);
        }
        BigInteger scalar = key.getS();
        if (scalar == null) {
            throw new IllegalArgumentException("the private key does not reveal its scalar");
        }
        try {
            return new ECPrivateKeyParameters(domain.validatePrivateScalar(scalar), domain);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the private key's scalar is out of range");
        }
    }

    /** Signs {@code input} (hashed with this curve's hash): {@link #signatureBytes()} bytes, {@code R || S}. */
    byte[] sign(ECPrivateKeyParameters key, byte[] input) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digest.get()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(hash(input));
        byte[] signature = new byte[signatureBytes()];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, scalarBytes);
        BigIntegers.asUnsignedByteArray(rs[1], signature, scalarBytes, scalarBytes);
        return signature;
    }

    /**
     * Whether {@code signature} ({@code R || S}) is a signature of {@code input} by {@code key}; false for a signature
     * of the wrong length and for {@code R} or {@code S} outside {@code [1, n - 1]}.
     */
    boolean verify(ECPublicKeyParameters key, byte[] input, byte[] signature) {
        if (signature.length != signatureBytes()) {
            return false;
        }
        BigInteger r = BigIntegers.fromUnsignedByteArray(signature, 0, scalarBytes);
        BigInteger s = BigIntegers.fromUnsignedByteArray(signature, scalarBytes, scalarBytes);
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(hash(input), r, s); // refuses r or s outside [1, n - 1]
    }

    private byte[] hash(byte[] input) {
        Digest hash = digest.get();
        hash.update(input, 0, input.length);
        byte[] out = new byte[hash.getDigestSize()];
        hash.doFinal(out, 0);
        return out;
    }

    @Override
    public String toString() {
        return curve.getName();
    }
}
