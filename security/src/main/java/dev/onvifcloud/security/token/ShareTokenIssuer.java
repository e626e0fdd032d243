package dev.onvifcloud.security.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.Es256Signer;
import dev.onvifcloud.security.jose.PublicJwkSet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Issues share tokens: ES256 with a P-256 key, header {@code kid} and {@code typ: JWT}, claims
 * {@code iss}, {@code iat}, {@code exp}, a random 128-bit {@code jti} and the ONVIF claims.
 * Immutable and thread-safe.
 */
public final class ShareTokenIssuer {

    private final Es256Signer signer;
    private final String issuer;
    private final Clock clock;

    /**
     * @param signingKey a P-256 private key with a {@code kid} (and, if it says, {@code alg: ES256}, {@code use: sig})
     * @param issuer the {@code iss} of every token, e.g. the PCS's base URI
     * @param clock the source of {@code iat}
     * @throws IllegalArgumentException if the key or issuer is unusable
     */
    public ShareTokenIssuer(ECKey signingKey, String issuer, Clock clock) {
        this.signer = new Es256Signer(signingKey, JOSEObjectType.JWT);
        if (issuer == null || issuer.isEmpty()) {
            throw new IllegalArgumentException("issuer must be a non-empty string");
        }
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
                issuer, signer.newJwtId(), issuedAt, expiresAt, xaddr, serialNumber, model, manufacturer);
        return new ShareToken(signer.sign(claims.toJWTClaimsSet()), claims);
    }

    /** The {@code kid} of every token. */
    public String keyId() {
        return signer.keyId();
    }

    /** The public key as a JWK set, to publish or to give to a {@link ShareTokenVerifier}. */
    public PublicJwkSet publicJwkSet() {
        return signer.publicJwkSet();
    }
}
