package dev.onvifcloud.security.access;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.Es256Signer;
import dev.onvifcloud.security.jose.PublicJwkSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues access tokens: ES256 with a P-256 key, header {@code typ: at+jwt} and {@code kid}; claims
 * {@code iss}, {@code sub} = {@code client_id} = the client, {@code aud}, {@code iat}, {@code exp}, a random
 * 128-bit {@code jti} and, when granted, {@code scope}. Immutable and thread-safe.
 */
public final class AccessTokenIssuer {

    /** The default lifetime: short, as the camera fetches a new token for each connection. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);
    /** The longest lifetime an issuer accepts. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);

    private final Es256Signer signer;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * @param signingKey a P-256 private key with a {@code kid}
     * @param issuer the {@code iss} of every token: the authorization server's issuer identifier
     * @param audience the {@code aud} of every token: the uplink URL
     * @param lifetime whole seconds, 1 s to {@link #MAX_LIFETIME}
     * @param clock the source of {@code iat}
     * @throws IllegalArgumentException if a setting is unusable
     */
    public AccessTokenIssuer(ECKey signingKey, String issuer, String audience, Duration lifetime, Clock clock) {
        this.signer = new Es256Signer(signingKey, new JOSEObjectType(AccessToken.TYPE));
        if (issuer == null || issuer.isEmpty() || audience == null || audience.isEmpty()) {
            throw new IllegalArgumentException("issuer and audience must be non-empty strings");
        }
        requireLifetime(lifetime);
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An issuer with {@link #DEFAULT_LIFETIME}. */
    public AccessTokenIssuer(ECKey signingKey, String issuer, String audience, Clock clock) {
        this(signingKey, issuer, audience, DEFAULT_LIFETIME, clock);
    }

    /**
     * Issues a token for {@code clientId}, valid from now (whole seconds) for the lifetime.
     *
     * @throws IllegalStateException if signing fails
     */
    public AccessToken issue(String clientId, Optional<String> scope) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AccessTokenClaims claims = new AccessTokenClaims(issuer, clientId, List.of(audience), issuedAt,
                issuedAt.plus(lifetime), signer.newJwtId(), clientId, scope);
        return new AccessToken(signer.sign(claims.toJWTClaimsSet()), claims);
    }

    /** How long each token is valid: the {@code expires_in} of the token response. */
    public Duration lifetime() {
        return lifetime;
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** The public key as a JWK set: what the JWKS endpoint publishes and an {@link AccessTokenVerifier} trusts. */
    public PublicJwkSet publicJwkSet() {
        return signer.publicJwkSet();
    }

    static Duration requireLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0
                || lifetime.getNano() != 0) {
            throw new IllegalArgumentException("lifetime must be whole seconds, 1 s to " + MAX_LIFETIME);
        }
        return lifetime;
    }
}
