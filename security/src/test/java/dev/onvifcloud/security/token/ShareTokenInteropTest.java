package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static dev.onvifcloud.security.token.ShareTokens.ISSUER;
import static dev.onvifcloud.security.token.ShareTokens.MANUFACTURER;
import static dev.onvifcloud.security.token.ShareTokens.MODEL;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static dev.onvifcloud.security.token.ShareTokens.SERIAL_NUMBER;
import static dev.onvifcloud.security.token.ShareTokens.XADDR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.interfaces.Verification;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.testing.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Share tokens against an independent JWT library, com.auth0:java-jwt, both ways. */
class ShareTokenInteropTest {

    private static final ECKey KEY = ShareTokens.newKey("pcs-key-1");

    private final SettableClock clock = new SettableClock(NOW);
    private final ShareTokenVerifier verifier = new ShareTokenVerifier(
            new ShareTokenIssuer(KEY, ISSUER, clock).publicJwkSet(), ShareTokenPolicy.defaults(), clock);

    /** java-jwt's verifier at our test clock's time. */
    static JWTVerifier at(java.time.Clock clock, Verification verification) {
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    private static String mintWithJavaJwt(ECKey signingKey, String keyId) throws Exception {
        return JWT.create()
                .withKeyId(keyId)
                .withIssuer(ISSUER)
                .withJWTId("java-jwt-0001-0002-0003")
                .withIssuedAt(NOW)
                .withExpiresAt(NOW.plus(Duration.ofMinutes(30)))
                .withClaim("onvif:xaddr", XADDR.toString())
                .withClaim("onvif:sn", SERIAL_NUMBER)
                .withClaim("onvif:model", MODEL)
                .withClaim("onvif:manufacturer", MANUFACTURER)
                .sign(Algorithm.ECDSA256(signingKey.toECPublicKey(), signingKey.toECPrivateKey()));
    }

    @Test
    void token_we_issue_verifies_with_java_jwt() throws Exception {
        ShareToken token = new ShareTokenIssuer(KEY, ISSUER, clock)
                .issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofHours(1));

        DecodedJWT decoded = at(clock, JWT.require(Algorithm.ECDSA256(KEY.toECPublicKey()))
                .withIssuer(ISSUER)
                .withClaim("onvif:sn", SERIAL_NUMBER))
                .verify(token.serialized());

        assertThat(decoded.getKeyId()).isEqualTo("pcs-key-1");
        assertThat(decoded.getType()).isEqualTo("JWT");
        assertThat(decoded.getAlgorithm()).isEqualTo("ES256");
        assertThat(decoded.getId()).isEqualTo(token.claims().jwtId());
        assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(decoded.getClaim("onvif:xaddr").asString()).isEqualTo(XADDR.toString());
        assertThat(decoded.getClaim("onvif:model").asString()).isEqualTo(MODEL);
        assertThat(decoded.getClaim("onvif:manufacturer").asString()).isEqualTo(MANUFACTURER);
    }

    @Test
    void java_jwt_rejects_our_token_with_another_public_key() throws Exception {
        ShareToken token = new ShareTokenIssuer(KEY, ISSUER, clock)
                .issue(XADDR, SERIAL_NUMBER, MODEL, MANUFACTURER, Duration.ofHours(1));
        ECKey other = ShareTokens.newKey("other");

        assertThatThrownBy(() -> at(clock, JWT.require(Algorithm.ECDSA256(other.toECPublicKey()))).verify(token.serialized()))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void token_minted_by_java_jwt_verifies_with_our_verifier() throws Exception {
        String token = mintWithJavaJwt(KEY, "pcs-key-1");

        ShareTokenClaims claims = verifier.verify(token).claims();

        assertThat(claims.jwtId()).isEqualTo("java-jwt-0001-0002-0003");
        assertThat(claims.issuer()).isEqualTo(ISSUER);
        assertThat(claims.xaddr()).isEqualTo(XADDR);
        assertThat(claims.serialNumber()).isEqualTo(SERIAL_NUMBER);
        assertThat(claims.model()).isEqualTo(MODEL);
        assertThat(claims.manufacturer()).isEqualTo(MANUFACTURER);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void token_minted_by_java_jwt_with_a_foreign_key_under_our_kid_is_rejected() throws Exception {
        String token = mintWithJavaJwt(ShareTokens.newKey("attacker"), "pcs-key-1");

        assertThat(rejection(() -> verifier.verify(token)).reason()).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void token_minted_by_java_jwt_with_a_foreign_key_and_kid_is_rejected() throws Exception {
        String token = mintWithJavaJwt(ShareTokens.newKey("attacker"), "attacker");

        assertThat(rejection(() -> verifier.verify(token)).reason()).isEqualTo(RejectionReason.UNKNOWN_KEY);
    }
}
