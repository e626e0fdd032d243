package dev.onvifcloud.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.security.jose.PublicJwkSet;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues share tokens: ES256 with a P-256 key, header {@code kid} and {@code typ: JWT}, claims
 * {@code iss}, {@code iat}, {@code exp}, a random 128-bit {@code jti} and the ONVIF claims.
 * Immutable and thread-safe.
 */
public final class ShareTokenIssuer {

    private static final int JWT_ID_BYTES = 16;

    private final ECKey signingKey;
    private final JWSSigner signer;
    private final JWSHeader header;
    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param signingKey a P-256 private key with a {@code kid} (and, if it says, {@code alg: ES256}, {@code use: sig})
     * @param issuer the {@code iss} of every token, e.g. the PCS's base URI
     * @param clock the source of {@code iat}
     * @throws IllegalArgumentException if the key or issuer is unusable
     */
    public ShareTokenIssuer(ECKey signingKey, String issuer, Clock clock) {
        Objects.requireNonNull(signingKey, "signingKey");
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
        if (issuer == null || issuer.isEmpty()) {
            throw new IllegalArgumentException("issuer must be a non-empty string");
        }
        try {
            this.signer = new ECDSASigner(signingKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key", e);
        }
        this.signingKey = signingKey;
        this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        this.issuer = issuer;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Issues a token valid from now (whole seconds) for {@code lifetime}.
     *
     * @throws IllegalArgumentException if a claim is invalid (see {@link ShareTokenClaims}) or the
     *     lifetime is shorter than a second
     * @throws IllegalStateException if signing fails
     */
    public ShareToken issue(URI xaddr, String serialNumber, String model, String manufacturer, Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("lifetime must be at least one second");
        }
        ShareTokenClaims claims = new ShareTokenClaims(
                issuer, newJwtId(), issuedAt, expiresAt, xaddr, serialNumber, model, manufacturer);
        SignedJWT jwt = new SignedJWT(header, claims.toJWTClaimsSet());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a share token failed", e);
        }
        return new ShareToken(jwt.serialize(), claims);
    }

    /** The {@code kid} of every token. */
    public String keyId() {
        return signingKey.getKeyID();
    }

    /** The public key as a JWK set, to publish or to give to a {@link ShareTokenVerifier}. */
    public PublicJwkSet publicJwkSet() {
        return PublicJwkSet.of(signingKey);
    }

    private String newJwtId() {
        byte[] bytes = new byte[JWT_ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
