package dev.onvifcloud.security.assertion;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimNames;
import dev.onvifcloud.security.jose.CompactJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenClaims;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.jose.Validity;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies client assertions (RFC 7523 section 3) for a registered client. Immutable and thread-safe
 * (as thread-safe as its {@link JtiReplayGuard}).
 *
 * <p>Checks, in order: length (TOO_LARGE); form (MALFORMED); {@code alg} accepted by the policy and
 * usable with the registered key (UNSUPPORTED_ALGORITHM); no {@code crit}
 * (UNSUPPORTED_CRITICAL_HEADER); {@code typ} absent or {@code JWT} (UNSUPPORTED_TYPE: RFC 7523 does
 * not require it, so other clients' assertions may omit it); {@code kid} equal to the registered key id
 * when one is registered (MISSING_KEY_ID, UNKNOWN_KEY); the signature (BAD_SIGNATURE); {@code sub} and
 * {@code iss} equal to the client id (SUBJECT_MISMATCH, naming the claim); {@code aud} containing one of
 * the policy's audiences (MISSING_CLAIM, WRONG_AUDIENCE); {@code jti} (MISSING_CLAIM); {@code exp}
 * (MISSING_CLAIM); lifetime (LIFETIME_TOO_LONG); time window with skew (EXPIRED, NOT_YET_VALID); and
 * last, once everything else passed, single use of {@code jti} (REPLAYED).
 *
 * <p>A caller that has already parsed the assertion (e.g. to read its {@code sub} and find the client) passes the
 * {@link CompactJws} to {@link #verify(CompactJws, ClientRegistration)}: the same checks in the same order, the
 * length and {@code alg} checked again against this verifier's policy (the caller may have parsed with other
 * limits), so that it refuses, for the same reason, exactly what {@link #verify(String, ClientRegistration)} refuses.
 */
public final class ClientAssertionVerifier {

    private final ClientAssertionPolicy policy;
    private final JtiReplayGuard replayGuard;
    private final Clock clock;

    public ClientAssertionVerifier(ClientAssertionPolicy policy, JtiReplayGuard replayGuard, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies {@code serialized} as an assertion of {@code client} and records its {@code jti}.
     *
     * @throws TokenRejectedException if it must not be accepted; {@link TokenRejectedException#reason()} says why
     * @throws RuntimeException from the {@link JtiReplayGuard} when it cannot decide (the assertion is not accepted)
     */
    public ClientAssertion verify(String serialized, ClientRegistration client) throws TokenRejectedException {
        Objects.requireNonNull(client, "client");
        return verify(CompactJws.parse(serialized, policy.maxAssertionBytes(), policy.acceptedAlgorithms()), client);
    }

    /**
     * Verifies an assertion already parsed as {@code jws} (the claims it has decoded are not decoded again) as an
     * assertion of {@code client} and records its {@code jti}.
     *
     * @throws TokenRejectedException if it must not be accepted; {@link TokenRejectedException#reason()} says why:
     *     the same reason as {@link #verify(String, ClientRegistration)} for {@link CompactJws#serialized()}
     * @throws RuntimeException from the {@link JtiReplayGuard} when it cannot decide (the assertion is not accepted)
     */
    public ClientAssertion verify(CompactJws jws, ClientRegistration client) throws TokenRejectedException {
        Objects.requireNonNull(jws, "jws");
        Objects.requireNonNull(client, "client");
        if (jws.serialized().length() > policy.maxAssertionBytes()) {
            throw new TokenRejectedException(RejectionReason.TOO_LARGE);
        }
        if (!policy.acceptedAlgorithms().contains(jws.algorithm())) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_ALGORITHM);
        }
        if (jws.type().isPresent() && !JOSEObjectType.JWT.equals(jws.type().get())) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_TYPE);
        }
        if (client.keyId().isPresent()) {
            String keyId = jws.keyId().orElseThrow(() -> new TokenRejectedException(RejectionReason.MISSING_KEY_ID));
            if (!keyId.equals(client.keyId().get())) {
                throw new TokenRejectedException(RejectionReason.UNKNOWN_KEY);
            }
        }
        client.verificationKey().verify(jws);

        TokenClaims claims = jws.claims();
        String subject = claims.requiredString(JWTClaimNames.SUBJECT);
        if (!subject.equals(client.clientId())) {
            throw TokenRejectedException.forClaim(RejectionReason.SUBJECT_MISMATCH, JWTClaimNames.SUBJECT);
        }
        String issuer = claims.requiredString(JWTClaimNames.ISSUER);
        if (!issuer.equals(client.clientId())) {
            throw TokenRejectedException.forClaim(RejectionReason.SUBJECT_MISMATCH, JWTClaimNames.ISSUER);
        }
        List<String> audience = claims.optionalStringList(JWTClaimNames.AUDIENCE)
                .orElseThrow(() -> TokenRejectedException.forClaim(RejectionReason.MISSING_CLAIM, JWTClaimNames.AUDIENCE));
        if (audience.stream().noneMatch(policy.audiences()::contains)) {
            throw TokenRejectedException.forClaim(RejectionReason.WRONG_AUDIENCE, JWTClaimNames.AUDIENCE);
        }
        String jwtId = claims.requiredString(JWTClaimNames.JWT_ID);
        Instant expiresAt = claims.requiredNumericDate(JWTClaimNames.EXPIRATION_TIME);
        Optional<Instant> issuedAt = claims.optionalNumericDate(JWTClaimNames.ISSUED_AT);
        Optional<Instant> notBefore = claims.optionalNumericDate(JWTClaimNames.NOT_BEFORE);
        if (issuedAt.isPresent() && !expiresAt.isAfter(issuedAt.get())) {
            throw TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, JWTClaimNames.EXPIRATION_TIME);
        }

        Instant now = clock.instant();
        boolean tooLongAfterIssue = issuedAt.isPresent() && issuedAt.get().plus(policy.maxLifetime()).isBefore(expiresAt);
        boolean tooLongAfterNow = now.plus(policy.maxLifetime()).plus(policy.maxClockSkew()).isBefore(expiresAt);
        if (tooLongAfterIssue || tooLongAfterNow) {
            throw TokenRejectedException.forClaim(RejectionReason.LIFETIME_TOO_LONG, JWTClaimNames.EXPIRATION_TIME);
        }
        Validity.check(now, policy.maxClockSkew(), expiresAt, notBefore, issuedAt);

        if (!replayGuard.firstUse(client.clientId(), jwtId, expiresAt.plus(policy.maxClockSkew()))) {
            throw TokenRejectedException.forClaim(RejectionReason.REPLAYED, JWTClaimNames.JWT_ID);
        }
        return new ClientAssertion(jws.serialized(), new ClientAssertionClaims(client.clientId(), audience, jwtId, issuedAt, expiresAt));
    }
}
