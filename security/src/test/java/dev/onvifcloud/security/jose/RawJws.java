package dev.onvifcloud.security.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Builds JWS compact serializations from raw JSON, so that tests can sign exactly what an attacker would. */
public final class RawJws {

    private RawJws() {
    }

    public static String json(Map<String, ?> members) {
        return JSONObjectUtils.toJSONString(members);
    }

    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Signs header and claims, given as maps, with {@code signer} using {@code algorithm}. */
    public static String sign(Map<String, ?> header, Map<String, ?> claims, JWSSigner signer, JWSAlgorithm algorithm) {
        return signEncoded(encode(json(header)), encode(json(claims)), signer, algorithm);
    }

    /** Signs the given header and payload segments (already base64url) as they are. */
    public static String signEncoded(String headerPart, String payloadPart, JWSSigner signer, JWSAlgorithm algorithm) {
        String signingInput = headerPart + "." + payloadPart;
        try {
            return signingInput + "." + signer.sign(new JWSHeader(algorithm), signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The three segments of a compact serialization. */
    public static String[] segments(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not three segments");
        }
        return parts;
    }

    public static String decode(String segment) {
        return new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
    }
}
