package dev.onvifcloud.security.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.security.jose.RawJws;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test material for share tokens: keys minted per run, valid header and claims to start attacks from. */
final class ShareTokens {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ISSUER = "https://pcs.example.com";
    static final URI XADDR = URI.create("https://pcs.example.com/onvif/cloud/v1");
    static final String SERIAL_NUMBER = "ACME-0042-7731";
    static final String MODEL = "DomeCam 3000";
    static final String MANUFACTURER = "ACME Cameras";

    private ShareTokens() {
    }

    static ECKey newKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: ES256, typ: JWT, kid}. */
    static Map<String, Object> header(String keyId) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        return header;
    }

    /** Every share-token claim, issued at {@link #NOW} for one hour. */
    static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("jti", "8c6YQm2x3bq0n4Jm1Y4t5w");
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofHours(1)).getEpochSecond());
        claims.put("onvif:xaddr", XADDR.toString());
        claims.put("onvif:sn", SERIAL_NUMBER);
        claims.put("onvif:model", MODEL);
        claims.put("onvif:manufacturer", MANUFACTURER);
        return claims;
    }

    /** Signs raw header and claims with an EC P-256 key (ES256), whatever they say. */
    static String sign(Map<String, ?> header, Map<String, ?> claims, ECKey key) {
        try {
            return RawJws.sign(header, claims, new ECDSASigner(key), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
