package dev.onvifcloud.security.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.security.jose.Ecdsa;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates client assertions for {@code private_key_jwt}: header {@code alg}, {@code typ: JWT} and
 * {@code kid} (the {@code KeyID} of the device's {@code AuthorizationServerConfiguration}); claims
 * {@code iss} = {@code sub} = client id, {@code aud}, a random 128-bit {@code jti}, {@code iat} and
 * {@code exp}. Immutable and thread-safe.
 *
 * <p>The private key is a plain {@link PrivateKey}, so it may come from any keystore or provider.
 * Algorithms: ES256/ES384/ES512 for EC keys on P-256/P-384/P-521 (the curve decides), RS256 (default)
 * or PS256/RS384/... for RSA keys of at least 2048 bits.
 */
public final class ClientAssertionIssuer {

    /** Lifetime of an assertion unless told otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private static final int JWT_ID_BYTES = 16;
    private static final Map<JWSAlgorithm, Curve> EC_CURVES = Map.of(
            JWSAlgorithm.ES256, Curve.P_256, JWSAlgorithm.ES384, Curve.P_384, JWSAlgorithm.ES512, Curve.P_521);
    private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private final String clientId;
    private final JWSHeader header;
    private final JWSSigner signer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * An issuer with the default algorithm for the key: {@link #defaultAlgorithm(PrivateKey)}.
     *
     * @throws IllegalArgumentException if the key cannot be used
     */
    public ClientAssertionIssuer(String clientId, String keyId, PrivateKey privateKey, Clock clock) {
        this(clientId, keyId, privateKey, defaultAlgorithm(privateKey), clock);
    }

    /**
     * @param clientId {@code iss} and {@code sub}
     * @param keyId the {@code kid} header
     * @param privateKey EC or RSA private key
     * @param algorithm the JWS algorithm; must fit the key
     * @throws IllegalArgumentException if the key and algorithm do not fit or the key is too weak
     */
    public ClientAssertionIssuer(
            String clientId, String keyId, PrivateKey privateKey, JWSAlgorithm algorithm, Clock clock) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId must be a non-empty string");
        }
        if (keyId == null || keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId must be a non-empty string");
        }
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(algorithm, "algorithm");
        this.clientId = clientId;
        this.signer = signer(privateKey, algorithm);
        this.header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * ES256/ES384/ES512 for an EC key on P-256/P-384/P-521, RS256 for an RSA key.
     *
     * @throws IllegalArgumentException for other keys (and for EC keys that do not reveal their curve:
     *     name the algorithm explicitly for those)
     */
    public static JWSAlgorithm defaultAlgorithm(PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey instanceof ECPrivateKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            return EC_CURVES.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(curve))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unsupported EC curve"));
        }
        if ("RSA".equals(privateKey.getAlgorithm())) {
            return JWSAlgorithm.RS256;
        }
        throw new IllegalArgumentException("unsupported private key: " + privateKey.getAlgorithm());
    }

    /** An assertion for {@code audience} (the token endpoint or the issuer) valid for {@link #DEFAULT_LIFETIME}. */
    public ClientAssertion create(String audience) {
        return create(audience, DEFAULT_LIFETIME);
    }

    /**
     * An assertion for {@code audience} valid from now (whole seconds) for {@code lifetime}.
     *
     * @throws IllegalArgumentException if the audience is empty or the lifetime shorter than a second
     * @throws IllegalStateException if signing fails
     */
    public ClientAssertion create(String audience, Duration lifetime) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("lifetime must be at least one second");
        }
        ClientAssertionClaims claims = new ClientAssertionClaims(
                clientId, List.of(audience), newJwtId(), Optional.of(issuedAt), expiresAt);
        JWTClaimsSet claimsSet = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(audience)
                .jwtID(claims.jwtId())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(header, claimsSet);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a client assertion failed", e);
        }
        return new ClientAssertion(jwt.serialize(), claims);
    }

    private static JWSSigner signer(PrivateKey privateKey, JWSAlgorithm algorithm) {
        Curve curve = EC_CURVES.get(algorithm);
        if (curve != null) {
            if (!"EC".equals(privateKey.getAlgorithm())) {
                throw new IllegalArgumentException(algorithm + " needs an EC key");
            }
            if (privateKey instanceof ECPrivateKey ec && !curve.equals(Curve.forECParameterSpec(ec.getParams()))) {
                throw new IllegalArgumentException(algorithm + " needs a key on " + curve);
            }
            try {
                return Ecdsa.signer(privateKey, curve);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable EC key", e);
            }
        }
        if (RSA_ALGORITHMS.contains(algorithm)) {
            if (!"RSA".equals(privateKey.getAlgorithm())) {
                throw new IllegalArgumentException(algorithm + " needs an RSA key");
            }
            if (privateKey instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("RSA key shorter than 2048 bits");
            }
            return new RSASSASigner(privateKey);
        }
        throw new IllegalArgumentException("unsupported algorithm: " + algorithm);
    }

    private String newJwtId() {
        byte[] bytes = new byte[JWT_ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
