package dev.onvifcloud.security.assertion;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import dev.onvifcloud.security.jose.RawJws;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test material for client assertions: JCA key pairs minted per run, raw header and claims. */
final class ClientAssertions {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String CLIENT_ID = "camera-ACME-0042-7731";
    static final String KEY_ID = "KeyID-7";
    static final String TOKEN_ENDPOINT = "https://as.ocs.example.com/oauth2/token";
    static final String AS_ISSUER = "https://as.ocs.example.com";

    private ClientAssertions() {
    }

    static KeyPair ecKeyPair(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsaKeyPair(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> header(String alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", KEY_ID);
        return header;
    }

    /** RFC 7523 claims for {@link #CLIENT_ID}, issued at {@link #NOW} for 60 s. */
    static Map<String, Object> claims(String jti) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", CLIENT_ID);
        claims.put("sub", CLIENT_ID);
        claims.put("aud", List.of(TOKEN_ENDPOINT));
        claims.put("jti", jti);
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.plus(Duration.ofSeconds(60)).getEpochSecond());
        return claims;
    }

    static String signEs256(Map<String, ?> header, Map<String, ?> claims, KeyPair keyPair) {
        try {
            return RawJws.sign(header, claims, new ECDSASigner(keyPair.getPrivate(), Curve.P_256), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signRsa(Map<String, ?> header, Map<String, ?> claims, KeyPair keyPair, JWSAlgorithm algorithm) {
        return RawJws.sign(header, claims, new RSASSASigner(keyPair.getPrivate()), algorithm);
    }
}
