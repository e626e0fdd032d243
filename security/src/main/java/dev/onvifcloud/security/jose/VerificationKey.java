package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * A public key that verifies JWS signatures, with the algorithms it may be used with: ES256/ES384/ES512
 * for an EC key on P-256/P-384/P-521 (the curve fixes the algorithm), RS* and PS* for an RSA key of at
 * least 2048 bits. The key is converted and checked once, when this is made: keep it for as long as the key is
 * trusted, each {@link #verify} then costs the signature check alone. Immutable and thread-safe.
 */
public final class VerificationKey {

    /** Every algorithm a policy may accept: asymmetric only. {@code none} and HMAC are never in here. */
    public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = Set.of(
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512,
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    /** Smallest RSA modulus we verify with (RFC 7518 section 3.3). */
    public static final int MIN_RSA_BITS = 2048;

    private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final Set<JWSAlgorithm> algorithms;
    private final JWSVerifier verifier;

    private VerificationKey(Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {
        this.algorithms = Set.copyOf(algorithms);
        this.verifier = verifier;
    }

    /**
     * A verification key for a JCA public key.
     *
     * @throws IllegalArgumentException if the key is neither EC on P-256/P-384/P-521 nor RSA of at least 2048 bits
     */
    public static VerificationKey of(PublicKey publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey instanceof ECPublicKey ec) {
            EcdsaJwsVerifier verifier = new EcdsaJwsVerifier(ec);
            return new VerificationKey(Set.of(verifier.algorithm()), verifier);
        }
        if (publicKey instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key shorter than " + MIN_RSA_BITS + " bits");
            }
            return new VerificationKey(RSA_ALGORITHMS, new RSASSAVerifier(rsa));
        }
        throw new IllegalArgumentException("unsupported public key type: " + publicKey.getAlgorithm());
    }

    /**
     * A verification key for a JWK (its public part). When the JWK names an {@code alg}, only that
     * algorithm is accepted; a JWK meant for encryption ({@code use: enc}, or {@code key_ops} without
     * {@code verify}) is refused.
     *
     * @throws IllegalArgumentException if the key is unusable for JWS verification
     */
    public static VerificationKey of(JWK jwk) {
        Objects.requireNonNull(jwk, "jwk");
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            throw new IllegalArgumentException("JWK is not meant for signatures");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            throw new IllegalArgumentException("JWK key_ops does not allow verify");
        }
        PublicKey publicKey;
        try {
            if (jwk instanceof ECKey ec) {
                publicKey = ec.toECPublicKey();
            } else if (jwk instanceof RSAKey rsa) {
                publicKey = rsa.toRSAPublicKey();
            } else {
                throw new IllegalArgumentException("unsupported JWK key type: " + jwk.getKeyType());
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWK", e);
        }
        VerificationKey key = of(publicKey);
        if (jwk.getAlgorithm() == null) {
            return key;
        }
        JWSAlgorithm declared = JWSAlgorithm.parse(jwk.getAlgorithm().getName());
        if (!key.algorithms.contains(declared)) {
            throw new IllegalArgumentException("JWK alg does not fit its key: " + declared);
        }
        return new VerificationKey(Set.of(declared), key.verifier);
    }

    /** The algorithms this key may verify. */
    public Set<JWSAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * Verifies the signature of {@code jws} with this key.
     *
     * @throws TokenRejectedException {@link RejectionReason#UNSUPPORTED_ALGORITHM} if the header's
     *     algorithm is not one this key may verify (e.g. RS256 against an EC key), otherwise
     *     {@link RejectionReason#BAD_SIGNATURE} if the signature does not verify (also when the
     *     crypto layer cannot process it: we fail closed)
     */
    public void verify(CompactJws jws) throws TokenRejectedException {
        if (!algorithms.contains(jws.algorithm())) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_ALGORITHM);
        }
        boolean valid;
        if (verifier instanceof EcdsaJwsVerifier ec) { // the header was checked by CompactJws.parse: no crit
            valid = ec.verify(jws.signingInputBytes(), jws.signatureBytes());
        } else {
            try {
                valid = verifier.verify(jws.header(), jws.signingInputBytes(), jws.signature());
            } catch (JOSEException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new TokenRejectedException(RejectionReason.BAD_SIGNATURE);
        }
    }
}
