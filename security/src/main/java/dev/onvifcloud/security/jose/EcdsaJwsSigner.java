package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.interfaces.ECPrivateKey;
import java.util.Set;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * Signs ES256/ES384/ES512 with one EC private key, converted once: standard JWS signatures ({@code R || S}, 64
 * bytes for ES256) with a deterministic {@code k} (RFC 6979), so signing needs no random source and creates no JCA
 * objects. A Nimbus {@link JWSSigner} like {@code ECDSASigner}: the header's {@code alg} must be this key's
 * ({@link JOSEException} otherwise). Its JCA context is for information only: the arithmetic is Bouncy Castle's
 * lightweight API whatever the context is set to. Immutable and thread-safe.
 */
final class EcdsaJwsSigner implements JWSSigner {

    private final EcdsaCurve curve;
    private final ECPrivateKeyParameters key;
    private final JCAContext context = new JCAContext(Ecdsa.provider(), null);

    /** @throws IllegalArgumentException if the key is not a usable private key on {@code curve} */
    EcdsaJwsSigner(ECPrivateKey key, EcdsaCurve curve) {
        this.curve = curve;
        this.key = curve.privateKey(key);
    }

    /** The one algorithm of this key's curve. */
    JWSAlgorithm algorithm() {
        return curve.algorithm();
    }

    /** The signature of {@code signingInput}: {@code R || S}. */
    byte[] sign(byte[] signingInput) {
        return curve.sign(key, signingInput);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        curve.requireAlgorithm(header.getAlgorithm());
        return Base64URL.encode(sign(signingInput));
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
