package dev.onvifcloud.security.jose;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JWK Set (RFC 7517 section 5) of public signature keys, each with a unique {@code kid}: what a
 * token issuer publishes and what a verifier trusts.
 *
 * <p>The compact constructor keeps the public part of every key (private members such as {@code d}
 * are dropped), and refuses keys without {@code kid}, duplicate {@code kid}s, symmetric keys and keys
 * that {@link VerificationKey#of(JWK)} refuses (weak RSA, unsupported curves, encryption keys).
 *
 * @param keys the public keys, in publication order
 */
public record PublicJwkSet(List<JWK> keys) {

    public PublicJwkSet {
        Objects.requireNonNull(keys, "keys");
        Set<String> keyIds = new HashSet<>();
        keys = keys.stream().map(PublicJwkSet::publicPart).toList();
        for (JWK key : keys) {
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw new IllegalArgumentException("every key needs a kid");
            }
            if (!keyIds.add(key.getKeyID())) {
                throw new IllegalArgumentException("duplicate kid: " + key.getKeyID());
            }
            VerificationKey.of(key);
        }
    }

    /** A set of the public parts of {@code keys}. */
    public static PublicJwkSet of(JWK... keys) {
        return new PublicJwkSet(List.of(keys));
    }

    /**
     * Reads a JWK Set document, e.g. from configuration.
     *
     * @throws IllegalArgumentException if it is not a JWK Set or holds a key refused by the constructor
     */
    public static PublicJwkSet parse(String json) {
        try {
            return new PublicJwkSet(JWKSet.parse(Objects.requireNonNull(json, "json")).getKeys());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK Set", e);
        }
    }

    /** The key with this {@code kid}. */
    public Optional<JWK> find(String keyId) {
        return keys.stream().filter(key -> key.getKeyID().equals(keyId)).findFirst();
    }

    /** The JWK Set document, {@code {"keys":[...]}}, with public members only. */
    public String toJson() {
        return new JWKSet(keys).toString(true);
    }

    private static JWK publicPart(JWK key) {
        JWK publicKey = Objects.requireNonNull(key, "key").toPublicJWK();
        if (publicKey == null) {
            throw new IllegalArgumentException("not an asymmetric key: " + key.getKeyType());
        }
        return publicKey;
    }
}
