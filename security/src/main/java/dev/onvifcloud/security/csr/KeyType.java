package dev.onvifcloud.security.csr;

import java.util.Objects;
import java.util.Set;

/**
 * The type of an accepted public key: an EC key on P-256, P-384 or P-521, or an RSA key of at least 2048 bits.
 * {@link #toString()} gives the usual names, {@code "EC P-256"} or {@code "RSA 2048"}.
 *
 * @param family EC or RSA
 * @param size the curve's field size (256, 384, 521) or the RSA modulus length, in bits
 */
public record KeyType(Family family, int size) {

    /** Key families we accept. */
    public enum Family {
        EC, RSA
    }

    /** Declared before the constants below, which the compact constructor checks against it. */
    private static final Set<Integer> CURVE_SIZES = Set.of(256, 384, 521);

    public static final KeyType EC_P256 = new KeyType(Family.EC, 256);
    public static final KeyType EC_P384 = new KeyType(Family.EC, 384);
    public static final KeyType EC_P521 = new KeyType(Family.EC, 521);

    public KeyType {
        Objects.requireNonNull(family, "family");
        if (family == Family.EC && !CURVE_SIZES.contains(size)) {
            throw new IllegalArgumentException("EC keys are on P-256, P-384 or P-521");
        }
        if (family == Family.RSA && size < 2048) {
            throw new IllegalArgumentException("RSA keys have at least 2048 bits");
        }
    }

    /** An RSA key type with a modulus of {@code bits}. */
    public static KeyType rsa(int bits) {
        return new KeyType(Family.RSA, bits);
    }

    /** {@code "EC P-256"}, {@code "EC P-384"}, {@code "EC P-521"} or {@code "RSA <bits>"}. */
    public String name() {
        return family == Family.EC ? "EC P-" + size : "RSA " + size;
    }

    @Override
    public String toString() {
        return name();
    }
}
