package dev.onvifcloud.security.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.onvifcloud.security.jose.VerificationKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * What an authorization server knows about a client that authenticates with {@code private_key_jwt}:
 * its id and public key (for a camera, the key of the CSR it sent with {@code deviceSharingCompleted}).
 *
 * @param clientId the client id, which must be the assertion's {@code iss} and {@code sub}
 * @param publicKey EC P-256/P-384/P-521 or RSA of at least 2048 bits
 * @param keyId when present, the assertion's {@code kid} header must equal it; when absent, {@code kid}
 *     is not looked at
 */
public record ClientRegistration(String clientId, PublicKey publicKey, Optional<String> keyId) {

    public ClientRegistration {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must be a non-empty string");
        }
        VerificationKey.of(Objects.requireNonNull(publicKey, "publicKey"));
        Objects.requireNonNull(keyId, "keyId");
    }

    /**
     * A registration from a public JWK; its {@code kid}, if any, becomes {@link #keyId()}.
     *
     * @throws IllegalArgumentException if the JWK is not an EC or RSA key
     */
    public static ClientRegistration fromJwk(String clientId, JWK jwk) {
        Objects.requireNonNull(jwk, "jwk");
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
        return new ClientRegistration(clientId, publicKey, Optional.ofNullable(jwk.getKeyID()));
    }

    VerificationKey verificationKey() {
        return VerificationKey.of(publicKey);
    }
}
