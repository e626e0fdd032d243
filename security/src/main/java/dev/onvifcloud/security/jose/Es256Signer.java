package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs the JWTs we issue (share tokens, access tokens): ES256 with one P-256 private key, header {@code typ} and
 * {@code kid}; and makes their random 128-bit {@code jti}. The key is converted once and signatures use a
 * deterministic {@code k} (RFC 6979, {@link Ecdsa}): a standard ES256 JWS that any implementation verifies.
 * Immutable and thread-safe.
 */
public final class Es256Signer {

    private static final int JWT_ID_BYTES = 16;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ECKey signingKey;
    private final EcdsaJwsSigner signer;
    /** The header, {@code alg}, {@code typ} and {@code kid}, as its base64url segment. */
    private final String encodedHeader;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param signingKey a P-256 private key with a {@code kid} (and, if it says, {@code alg: ES256}, {@code use: sig})
     * @param type the {@code typ} header of every JWT
     * @throws IllegalArgumentException if the key is unusable
     */
    public Es256Signer(ECKey signingKey, JOSEObjectType type) {
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(type, "type");
        if (!signingKey.isPrivate()) {
            throw new IllegalArgumentException("signingKey must hold the private key");
        }
        if (!Curve.P_256.equals(signingKey.getCurve())) {
            throw new IllegalArgumentException("signingKey must be on P-256 (ES256)");
        }
        if (signingKey.getKeyID() == null || signingKey.getKeyID().isBlank()) {
            throw new IllegalArgumentException("signingKey must have a kid");
        }
        if (signingKey.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(signingKey.getAlgorithm())) {
            throw new IllegalArgumentException("signingKey is restricted to another algorithm");
        }
        if (signingKey.getKeyUse() != null && !KeyUse.SIGNATURE.equals(signingKey.getKeyUse())) {
            throw new IllegalArgumentException("signingKey is not meant for signatures");
        }
        try {
            this.signer = new EcdsaJwsSigner(signingKey.toECPrivateKey(), EcdsaCurve.P_256);
        } catch (JOSEException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
        this.signingKey = signingKey;
        this.encodedHeader = new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(signingKey.getKeyID()).build()
                .toBase64URL().toString();
    }

    /**
     * The compact serialization of {@code claims}, signed: what Nimbus's {@code SignedJWT} would make of the same
     * header and claims, with the header encoded once for all.
     */
    public String sign(JWTClaimsSet claims) {
        String signingInput = encodedHeader + '.' + claims.toPayload().toBase64URL();
        byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + BASE64URL.encodeToString(signature);
    }

    /** A fresh random {@code jti}: 128 bits, base64url. */
    public String newJwtId() {
        byte[] bytes = new byte[JWT_ID_BYTES];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The {@code kid} of every JWT. */
    public String keyId() {
        return signingKey.getKeyID();
    }

    /** The public key as a JWK set, to publish or to trust. */
    public PublicJwkSet publicJwkSet() {
        return PublicJwkSet.of(signingKey);
    }
}
