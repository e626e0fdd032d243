package dev.onvifcloud.security.jose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claims of a JWT as decoded, not yet trusted: typed accessors that turn absence into
 * {@link RejectionReason#MISSING_CLAIM} and a wrong JSON type or value into
 * {@link RejectionReason#INVALID_CLAIM}, both naming the claim. A JSON {@code null} is a present claim
 * with an invalid value. Obtained from {@link CompactJws#claims()}.
 */
public final class TokenClaims {

    /** Latest NumericDate accepted: 9999-12-31T23:59:59Z. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final Map<String, Object> claims;

    TokenClaims(Map<String, Object> claims) {
        this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** Whether the claim is present (with any value, also {@code null}). */
    public boolean contains(String name) {
        return claims.containsKey(name);
    }

    /** A required string claim, non-empty. */
    public String requiredString(String name) throws TokenRejectedException {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    /** An optional string claim; when present it must be a non-empty string. */
    public Optional<String> optionalString(String name) throws TokenRejectedException {
        if (!claims.containsKey(name)) {
            return Optional.empty();
        }
        if (claims.get(name) instanceof String value && !value.isEmpty()) {
            return Optional.of(value);
        }
        throw invalid(name);
    }

    /** A required NumericDate claim (RFC 7519 section 2): seconds since the epoch, fractions dropped. */
    public Instant requiredNumericDate(String name) throws TokenRejectedException {
        return optionalNumericDate(name).orElseThrow(() -> missing(name));
    }

    /** An optional NumericDate claim; when present it must be a number between 0 and the year 9999. */
    public Optional<Instant> optionalNumericDate(String name) throws TokenRejectedException {
        if (!claims.containsKey(name)) {
            return Optional.empty();
        }
        Object value = claims.get(name);
        long seconds;
        if (value instanceof Long l) {
            seconds = l;
        } else if (value instanceof Double d && Double.isFinite(d) && d >= 0 && d <= MAX_EPOCH_SECOND) {
            seconds = (long) Math.floor(d);
        } else {
            throw invalid(name);
        }
        if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
            throw invalid(name);
        }
        return Optional.of(Instant.ofEpochSecond(seconds));
    }

    /**
     * An optional "StringOrURI or array of them" claim such as {@code aud} (RFC 7519 section 4.1.3):
     * a non-empty string, or a non-empty array of non-empty strings.
     */
    public Optional<List<String>> optionalStringList(String name) throws TokenRejectedException {
        if (!claims.containsKey(name)) {
            return Optional.empty();
        }
        Object value = claims.get(name);
        if (value instanceof String s && !s.isEmpty()) {
            return Optional.of(List.of(s));
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String s) || s.isEmpty()) {
                    throw invalid(name);
                }
                strings.add(s);
            }
            return Optional.of(List.copyOf(strings));
        }
        throw invalid(name);
    }

    private static TokenRejectedException missing(String name) {
        return TokenRejectedException.forClaim(RejectionReason.MISSING_CLAIM, name);
    }

    private static TokenRejectedException invalid(String name) {
        return TokenRejectedException.forClaim(RejectionReason.INVALID_CLAIM, name);
    }
}
