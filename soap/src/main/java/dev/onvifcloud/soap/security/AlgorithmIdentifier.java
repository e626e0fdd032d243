package dev.onvifcloud.soap.security;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * tas:AlgorithmIdentifier (RFC 5280): an algorithm OID in dot-decimal notation and its DER-encoded
 * parameters, if any.
 */
public record AlgorithmIdentifier(String algorithm, Optional<Base64DERencodedASN1Value> parameters) {

    private static final Pattern DOT_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /** ecdsa-with-SHA256 (RFC 5758). */
    public static final AlgorithmIdentifier ECDSA_WITH_SHA256 = of("1.2.840.10045.4.3.2");
    /** ecdsa-with-SHA384 (RFC 5758). */
    public static final AlgorithmIdentifier ECDSA_WITH_SHA384 = of("1.2.840.10045.4.3.3");
    /** sha256WithRSAEncryption (RFC 4055). */
    public static final AlgorithmIdentifier SHA256_WITH_RSA_ENCRYPTION = of("1.2.840.113549.1.1.11");

    public AlgorithmIdentifier {
        requireOid(algorithm, "algorithm");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** An algorithm without parameters. */
    public static AlgorithmIdentifier of(String algorithm) {
        return new AlgorithmIdentifier(algorithm, Optional.empty());
    }

    static String requireOid(String oid, String name) {
        Objects.requireNonNull(oid, name);
        if (oid.length() > 256 || !DOT_DECIMAL.matcher(oid).matches()) {
            throw new IllegalArgumentException(name + " must be an OID in dot-decimal notation");
        }
        return oid;
    }
}
