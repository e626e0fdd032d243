package dev.onvifcloud.cloud.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as a client presents it: {@code ock_<key id>_<secret>}, where the key id (16 hex digits) is
 * public and names the stored key, and the secret is 256 random bits (base64url). Only the SHA-256 of the
 * whole text is stored; a key of this entropy needs no slow hash.
 */
public final class PresentedApiKey {

    private static final String PREFIX = "ock_";
    private static final Pattern FORMAT = Pattern.compile("ock_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");

    private final String text;

    private PresentedApiKey(String text) {
        this.text = text;
    }

    /** The key, when {@code text} has the format of one. */
    public static Optional<PresentedApiKey> parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PresentedApiKey(text));
    }

    /** A new key with a random id and secret. */
    static PresentedApiKey generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        return new PresentedApiKey(PREFIX + HexFormat.of().formatHex(id) + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** The public part, under which the key is stored. */
    public String keyId() {
        return text.substring(PREFIX.length(), PREFIX.length() + 16);
    }

    /** Lower-case hex SHA-256 of the whole key: what is stored. */
    public String sha256() {
        return sha256Hex(text);
    }

    /** The whole key, secret included: to show its holder once, never to log. */
    String text() {
        return text;
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "PresentedApiKey[keyId=" + keyId() + "]";
    }
}
