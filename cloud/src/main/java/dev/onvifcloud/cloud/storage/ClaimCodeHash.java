package dev.onvifcloud.cloud.storage;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The stored form of a camera's claim code: PBKDF2-HMAC-SHA256 with a random salt, written as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64). A claim code is short and printed on a label,
 * so it gets a slow, salted hash rather than a plain digest.
 *
 * @param encoded the text form
 */
public record ClaimCodeHash(String encoded) {

    /** PBKDF2 iterations for new hashes. */
    public static final int ITERATIONS = 310_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    public ClaimCodeHash {
        Objects.requireNonNull(encoded, "encoded");
        parts(encoded);
    }

    /** Hashes a claim code with a new random salt. */
    public static ClaimCodeHash of(String claimCode, SecureRandom random) {
        requireClaimCode(claimCode);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return new ClaimCodeHash(SCHEME + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(claimCode, salt, ITERATIONS)));
    }

    /** Whether {@code claimCode} is the code hashed here (constant-time comparison). */
    public boolean matches(String claimCode) {
        if (claimCode == null || claimCode.isEmpty() || claimCode.length() > 128) {
            return false;
        }
        String[] parts = parts(encoded);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(claimCode, salt, Integer.parseInt(parts[1])));
    }

    private static void requireClaimCode(String claimCode) {
        Objects.requireNonNull(claimCode, "claimCode");
        if (claimCode.isEmpty() || claimCode.length() > 128) {
            throw new IllegalArgumentException("claim code must be 1 to 128 characters");
        }
    }

    private static String[] parts(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            throw new IllegalArgumentException("not a " + SCHEME + " claim code hash");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1 || Base64.getDecoder().decode(parts[2]).length < SALT_BYTES
                    || Base64.getDecoder().decode(parts[3]).length != HASH_BITS / 8) {
                throw new IllegalArgumentException("malformed " + SCHEME + " claim code hash");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + SCHEME + " claim code hash", e);
        }
        return parts;
    }

    private static byte[] pbkdf2(String claimCode, byte[] salt, int iterations) {
        // The JDK's PBKDF2 encodes the characters as UTF-8.
        PBEKeySpec spec = new PBEKeySpec(claimCode.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return "ClaimCodeHash[" + SCHEME + "]";
    }
}
