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
 * <p>A value: equal when the client id, the key and the key id are. It holds its key ready to verify with
 * (converted and checked once, when it is made), so keep a registration for as long as the client's key is the
 * same and make a new one when it changes: a verification then costs the signature check alone. Immutable and
 * thread-safe.
 */
public final class ClientRegistration {

    private final String clientId;
    private final PublicKey publicKey;
    private final Optional<String> keyId;
    private final VerificationKey verificationKey;

    /**
     * @param clientId the client id, which must be the assertion's {@code iss} and {@code sub}
     * @param publicKey EC P-256/P-384/P-521 or RSA of at least 2048 bits
     * @param keyId when present, the assertion's {@code kid} header must equal it; when absent, {@code kid}
     *     is not looked at
     * @throws IllegalArgumentException if the client id is empty or the key cannot verify JWS signatures
     */
    public ClientRegistration(String clientId, PublicKey publicKey, Optional<String> keyId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must be a non-empty string");
        }
        this.verificationKey = VerificationKey.of(Objects.requireNonNull(publicKey, "publicKey"));
        this.clientId = clientId;
        this.publicKey = publicKey;
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    private ClientRegistration(String clientId, PublicKey publicKey, Optional<String> keyId,
            VerificationKey verificationKey) {
        this.clientId = clientId;
        this.publicKey = publicKey;
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.verificationKey = verificationKey;
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

    /** The client id, which must be the assertion's {@code iss} and {@code sub}. */
    public String clientId() {
        return clientId;
    }

    /** EC P-256/P-384/P-521 or RSA of at least 2048 bits. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** When present, the assertion's {@code kid} header must equal it; when absent, {@code kid} is not looked at. */
    public Optional<String> keyId() {
        return keyId;
    }

    /** This registration with {@code keyId} instead of its own, keeping the key as converted. */
    public ClientRegistration withKeyId(Optional<String> keyId) {
        return new ClientRegistration(clientId, publicKey, keyId, verificationKey);
    }

    VerificationKey verificationKey() {
        return verificationKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientRegistration that && clientId.equals(that.clientId)
                && publicKey.equals(that.publicKey) && keyId.equals(that.keyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, publicKey, keyId);
    }

    @Override
    public String toString() {
        return "ClientRegistration[clientId=" + clientId + ", publicKey=" + publicKey.getAlgorithm() + ", keyId="
                + keyId.orElse("-") + "]";
    }
}
