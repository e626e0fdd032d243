package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * ECDSA signers and verifiers for JWS that compute with Bouncy Castle rather than the JDK's SunEC: on JDK 17 SunEC's
 * ECDSA is about 3x slower (README, "Benchmarks"), and every share token, client assertion and access token goes
 * through ECDSA. The provider is passed to each Nimbus object through its JCA context and never registered
 * globally, so nothing else in the JVM changes.
 */
public final class Ecdsa {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private Ecdsa() {
    }

    /** The Bouncy Castle provider used for ECDSA and for certification requests. */
    public static Provider provider() {
        return PROVIDER;
    }

    /** A verifier for {@code key}. */
    public static JWSVerifier verifier(ECPublicKey key) throws JOSEException {
        ECDSAVerifier verifier = new ECDSAVerifier(key);
        verifier.getJCAContext().setProvider(PROVIDER);
        return verifier;
    }

    /** A signer for the private part of {@code key}. */
    public static JWSSigner signer(ECKey key) throws JOSEException {
        ECDSASigner signer = new ECDSASigner(key);
        signer.getJCAContext().setProvider(PROVIDER);
        return signer;
    }

    /** A signer for {@code key} on {@code curve}. */
    public static JWSSigner signer(PrivateKey key, Curve curve) throws JOSEException {
        ECDSASigner signer = new ECDSASigner(key, curve);
        signer.getJCAContext().setProvider(PROVIDER);
        return signer;
    }
}
