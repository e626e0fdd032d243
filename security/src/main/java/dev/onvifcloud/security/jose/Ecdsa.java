package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA signers and verifiers for JWS that compute with Bouncy Castle rather than the JDK's SunEC: on JDK 17 SunEC's
 * ECDSA is about 3x slower (README, "Benchmarks"), and every share token, client assertion and access token goes
 * through ECDSA. They use Bouncy Castle's lightweight API: the key is converted (and checked) once when the signer or
 * verifier is made, and each signature or verification creates no JCA objects and, as signatures use a
 * deterministic {@code k} (RFC 6979), no random source. Keep a signer or verifier for as long as its key: that is
 * where the saving is. Nothing is registered globally, so nothing else in the JVM changes. The output is standard
 * JWS ECDSA ({@code R || S}), which any implementation verifies.
 */
public final class Ecdsa {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Ecdsa() {
    }

    /** The Bouncy Castle provider used for certification requests (and for EC keys that hide their scalar). */
    public static Provider provider() {
        return PROVIDER;
    }

    /**
     * A verifier for {@code key}, on P-256, P-384 or P-521 (ES256, ES384, ES512). Thread-safe.
     *
     * @throws JOSEException if the key is not a point of one of those curves
     */
    public static JWSVerifier verifier(ECPublicKey key) throws JOSEException {
        try {
            return new EcdsaJwsVerifier(key);
        } catch (IllegalArgumentException e) {
            throw new JOSEException("unusable EC public key: " + e.getMessage(), e);
        }
    }

    /**
     * A signer for the private part of {@code key}. Thread-safe.
     *
     * @throws JOSEException if the key has no private part or is not on P-256, P-384 or P-521
     */
    public static JWSSigner signer(ECKey key) throws JOSEException {
        if (!key.isPrivate()) {
            throw new JOSEException("the EC JWK has no private part");
        }
        return signer(key.toECPrivateKey(), key.getCurve());
    }

    /**
     * A signer for {@code key} on {@code curve}. Thread-safe. A key that does not reveal its scalar (e.g. held by
     * a token) is signed with through the JCA, with the Bouncy Castle provider.
     *
     * @throws JOSEException if the key does not fit the curve
     */
    public static JWSSigner signer(PrivateKey key, Curve curve) throws JOSEException {
        if (key instanceof ECPrivateKey ec && ec.getS() != null) {
            try {
                return new EcdsaJwsSigner(ec, EcdsaCurve.of(curve));
            } catch (IllegalArgumentException e) {
                throw new JOSEException("unusable EC private key: " + e.getMessage(), e);
            }
        }
        ECDSASigner signer = new ECDSASigner(key, curve);
        signer.getJCAContext().setProvider(PROVIDER);
        return signer;
    }
}
