package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.ECPublicKey;
import java.util.Set;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Verifies ES256/ES384/ES512 signatures with one EC public key, converted and checked (on the curve) once: the
 * point's precomputed multiples are kept with it, so each verification is the ECDSA arithmetic and nothing else.
 * A Nimbus {@link JWSVerifier} like {@code ECDSAVerifier}: the header's {@code alg} must be this key's
 * ({@link JOSEException} otherwise), a header with {@code crit} parameters never verifies (we understand no JWS
 * extension), nor does a signature of the wrong length or with {@code R} or {@code S} outside {@code [1, n - 1]}.
 * Its JCA context is for information only: the arithmetic is Bouncy Castle's lightweight API whatever the context
 * is set to. Immutable and thread-safe.
 */
final class EcdsaJwsVerifier implements JWSVerifier {

    private final EcdsaCurve curve;
    private final ECPublicKeyParameters key;
    private final JCAContext context = new JCAContext(Ecdsa.provider(), null);

    /** @throws IllegalArgumentException if the key is not a point of P-256, P-384 or P-521 */
    EcdsaJwsVerifier(ECPublicKey key) {
        this.curve = EcdsaCurve.of(key.getParams());
        this.key = curve.publicKey(key);
    }

    /** The one algorithm of this key's curve. */
    JWSAlgorithm algorithm() {
        return curve.algorithm();
    }

    /** Whether {@code signature} ({@code R || S}, decoded) signs {@code signingInput}. */
    boolean verify(byte[] signingInput, byte[] signature) {
        return curve.verify(key, signingInput, signature);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        curve.requireAlgorithm(header.getAlgorithm());
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return false;
        }
        return verify(signingInput, signature.decode());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(curve.algorithm());
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
