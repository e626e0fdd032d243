package dev.onvifcloud.security.csr;

import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * JWK Thumbprints (RFC 7638) of EC and RSA public keys: SHA-256 over the JWK's required members, in lexicographic
 * order, without whitespace, base64url-encoded without padding. Written out here rather than delegated, so that the
 * tests can hold it against the RFC's vector and against Nimbus JOSE+JWT independently.
 */
public final class JwkThumbprint {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private JwkThumbprint() {
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of an EC (P-256, P-384, P-521) or RSA public key, base64url.
     *
     * @throws IllegalArgumentException for another type of key or curve
     */
    public static String sha256(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(key).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** The JSON that is hashed (RFC 7638 section 3.2): the required members only, sorted, no whitespace. */
    static String canonicalJson(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "{\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                    + unsigned(rsa.getModulus()) + "\"}";
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null || !(curve.equals(Curve.P_256) || curve.equals(Curve.P_384)
                    || curve.equals(Curve.P_521))) {
                throw new IllegalArgumentException("EC keys must be on P-256, P-384 or P-521");
            }
            // RFC 7518 section 6.2.1.2: coordinates are the full field size in octets, with leading zeros.
            int length = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
            return "{\"crv\":\"" + curve.getName() + "\",\"kty\":\"EC\",\"x\":\""
                    + fixedLength(ec.getW().getAffineX(), length) + "\",\"y\":\""
                    + fixedLength(ec.getW().getAffineY(), length) + "\"}";
        }
        throw new IllegalArgumentException("JWK thumbprints are computed for EC and RSA keys only");
    }

    /** RFC 7518 section 6.3.1: the unsigned big-endian value in the fewest octets. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    private static String fixedLength(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        byte[] padded = new byte[length];
        int copied = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copied, padded, length - copied, copied);
        return BASE64URL.encodeToString(padded);
    }
}
