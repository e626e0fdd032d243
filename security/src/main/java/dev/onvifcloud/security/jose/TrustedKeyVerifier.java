package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The JWS steps shared by the verifiers of tokens signed with one of a set of trusted keys found by {@code kid}
 * (share tokens, access tokens): it checks, in order (the first failure is reported), the length (TOO_LARGE,
 * before any decoding), the form (MALFORMED), the {@code alg} (UNSUPPORTED_ALGORITHM) and no {@code crit}
 * (UNSUPPORTED_CRITICAL_HEADER), all by {@link CompactJws#parse}; the {@code typ} (UNSUPPORTED_TYPE; an absent
 * {@code typ} is refused); {@code kid} present (MISSING_KEY_ID) and trusted (UNKNOWN_KEY); the key fits the
 * {@code alg} (UNSUPPORTED_ALGORITHM) and the signature (BAD_SIGNATURE); only then are the claims decoded. The
 * claims' meaning is the caller's. Immutable and thread-safe.
 */
public final class TrustedKeyVerifier {

    private final Map<String, VerificationKey> keys;
    private final int maxTokenBytes;
    private final Set<JWSAlgorithm> acceptedAlgorithms;
    private final Predicate<JOSEObjectType> acceptedType;

    /**
     * @param trustedKeys the keys, by {@code kid}
     * @param maxTokenBytes the longest serialization accepted
     * @param acceptedAlgorithms the {@code alg} values accepted
     * @param acceptedType whether a {@code typ} is the one expected
     * @throws IllegalArgumentException if a key cannot verify JWS signatures
     */
    public TrustedKeyVerifier(PublicJwkSet trustedKeys, int maxTokenBytes, Set<JWSAlgorithm> acceptedAlgorithms,
            Predicate<JOSEObjectType> acceptedType) {
        Objects.requireNonNull(trustedKeys, "trustedKeys");
        Map<String, VerificationKey> byKeyId = new HashMap<>();
        for (JWK key : trustedKeys.keys()) {
            byKeyId.put(key.getKeyID(), VerificationKey.of(key));
        }
        this.keys = Map.copyOf(byKeyId);
        this.maxTokenBytes = maxTokenBytes;
        this.acceptedAlgorithms = Set.copyOf(acceptedAlgorithms);
        this.acceptedType = Objects.requireNonNull(acceptedType, "acceptedType");
    }

    /**
     * Parses {@code serialized} and verifies its header and signature.
     *
     * @return the decoded claims, not yet checked
     * @throws TokenRejectedException if it must not be accepted; {@link TokenRejectedException#reason()} says why
     */
    public TokenClaims verify(String serialized) throws TokenRejectedException {
        CompactJws jws = CompactJws.parse(serialized, maxTokenBytes, acceptedAlgorithms);
        if (!jws.type().map(acceptedType::test).orElse(false)) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_TYPE);
        }
        String keyId = jws.keyId().orElseThrow(() -> new TokenRejectedException(RejectionReason.MISSING_KEY_ID));
        VerificationKey key = keys.get(keyId);
        if (key == null) {
            throw new TokenRejectedException(RejectionReason.UNKNOWN_KEY);
        }
        key.verify(jws);
        return jws.claims();
    }
}
