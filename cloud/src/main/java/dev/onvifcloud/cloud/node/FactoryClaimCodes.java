package dev.onvifcloud.cloud.node;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The claim codes of a manufacturer's cameras, as its factory prints them on the labels and its MCS knows them: each
 * derived from the camera's serial number with a secret the factory and the MCS share (HMAC-SHA256), so that neither
 * needs a list of the other's. The code is 16 characters of Crockford's base32 (no I, L, O, U) in groups of four,
 * 80 bits. The secret lives in the development PKI's directory ({@value #SECRET_FILE}), beside the manufacturer CA
 * that the same factory uses; keep it as secret as that CA's key.
 */
public final class FactoryClaimCodes {

    /** The file of the shared secret (base64, 32 bytes), in the development PKI's directory. */
    public static final String SECRET_FILE = "factory-claim-secret";

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int SECRET_BYTES = 32;

    private final byte[] secret;

    /** Codes from a secret of at least 16 bytes. */
    public FactoryClaimCodes(byte[] secret) {
        if (Objects.requireNonNull(secret, "secret").length < 16) {
            throw new IllegalArgumentException("the secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** The codes of the secret in {@code directory}, which is generated there first when missing. */
    public static FactoryClaimCodes openOrCreate(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path file = directory.resolve(SECRET_FILE);
        return SecretFiles.locked(directory, () -> {
            Optional<String> stored = SecretFiles.read(file);
            if (stored.isPresent()) {
                try {
                    return new FactoryClaimCodes(Base64.getDecoder().decode(stored.get().strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(file + " is not a base64 secret of at least 16 bytes", e);
                }
            }
            byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            SecretFiles.writeNew(file, Base64.getEncoder().encodeToString(secret) + "\n");
            return new FactoryClaimCodes(secret);
        });
    }

    /** The claim code of the camera with this serial number, e.g. {@code 7KQ2-M9XD-40TZ-HB3R}. */
    public String claimCode(String serialNumber) {
        Objects.requireNonNull(serialNumber, "serialNumber");
        byte[] digest;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            digest = mac.doFinal(("onvif-cloud claim code\0" + serialNumber).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
        StringBuilder code = new StringBuilder(19);
        long bits = 0;
        int available = 0;
        int index = 0;
        for (int i = 0; i < 16; i++) {
            if (available < 5) {
                bits = (bits << 8) | (digest[index++] & 0xff);
                available += 8;
            }
            available -= 5;
            code.append(ALPHABET[(int) ((bits >>> available) & 31)]);
            if (i % 4 == 3 && i < 15) {
                code.append('-');
            }
        }
        return code.toString();
    }
}
