package dev.onvifcloud.security.jose;

/** Why a token (share token, client assertion) was rejected. Callers branch on this, never on message text. */
public enum RejectionReason {
    /** Not a JWS compact serialization: wrong number of segments, bad base64url, header or claims not a JSON object. */
    MALFORMED,
    /** Longer than the policy's maximum; checked before anything is decoded. */
    TOO_LARGE,
    /** {@code alg} is {@code none}, HMAC, unknown, not accepted by the policy, or not usable with the selected key. */
    UNSUPPORTED_ALGORITHM,
    /** {@code typ} present with a value other than {@code JWT}, or absent where it is required (share tokens). */
    UNSUPPORTED_TYPE,
    /** The header has a {@code crit} parameter; we understand no JWS extension. */
    UNSUPPORTED_CRITICAL_HEADER,
    /** No {@code kid} header where one is required to select the key. */
    MISSING_KEY_ID,
    /** {@code kid} names no key we trust (or not the key registered for the client). */
    UNKNOWN_KEY,
    /** The signature does not verify with the selected key. */
    BAD_SIGNATURE,
    /** Now is at or past {@code exp} plus the allowed clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} lies further in the future than the allowed clock skew. */
    NOT_YET_VALID,
    /** A required claim is absent; {@link TokenRejectedException#claim()} names it. */
    MISSING_CLAIM,
    /** A claim has the wrong JSON type or an unacceptable value; {@link TokenRejectedException#claim()} names it. */
    INVALID_CLAIM,
    /** {@code iss} is not the expected issuer. */
    WRONG_ISSUER,
    /** {@code aud} does not name us (or, for share tokens, is present at all). */
    WRONG_AUDIENCE,
    /** Client assertion: {@code sub} or {@code iss} is not the client id. The claim names which one. */
    SUBJECT_MISMATCH,
    /** {@code exp} lies further after {@code iat} (or after now) than the policy's maximum lifetime. */
    LIFETIME_TOO_LONG,
    /** Client assertion: this {@code jti} was already used by this client. */
    REPLAYED
}
