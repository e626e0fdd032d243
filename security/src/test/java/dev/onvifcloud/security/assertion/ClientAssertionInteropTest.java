package dev.onvifcloud.security.assertion;

import static dev.onvifcloud.security.assertion.ClientAssertions.CLIENT_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.KEY_ID;
import static dev.onvifcloud.security.assertion.ClientAssertions.NOW;
import static dev.onvifcloud.security.assertion.ClientAssertions.TOKEN_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import com.nimbusds.jose.JWSAlgorithm;
import dev.onvifcloud.testing.SettableClock;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Assertions we create, checked by com.auth0:java-jwt as an authorization server would. */
class ClientAssertionInteropTest {

    private static final KeyPair EC = ClientAssertions.ecKeyPair("secp256r1");
    private static final KeyPair RSA = ClientAssertions.rsaKeyPair(2048);

    private final SettableClock clock = new SettableClock(NOW);

    private static JWTVerifier at(Clock clock, Verification verification) {
        return ((JWTVerifier.BaseVerification) verification).build(clock);
    }

    @Test
    void es256_assertion_verifies_with_java_jwt() {
        ClientAssertion assertion = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, EC.getPrivate(), clock).create(TOKEN_ENDPOINT);

        DecodedJWT decoded = at(clock, JWT.require(Algorithm.ECDSA256((ECPublicKey) EC.getPublic()))
                .withIssuer(CLIENT_ID).withSubject(CLIENT_ID).withAudience(TOKEN_ENDPOINT))
                .verify(assertion.serialized());

        assertThat(decoded.getKeyId()).isEqualTo(KEY_ID);
        assertThat(decoded.getId()).isEqualTo(assertion.claims().jwtId());
        assertThat(decoded.getExpiresAtAsInstant()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void rs256_and_ps256_assertions_verify_with_java_jwt() {
        ClientAssertion rs256 = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, RSA.getPrivate(), clock).create(TOKEN_ENDPOINT);
        ClientAssertion ps256 = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, RSA.getPrivate(), JWSAlgorithm.PS256, clock)
                .create(TOKEN_ENDPOINT);

        assertThat(at(clock, JWT.require(Algorithm.RSA256((RSAPublicKey) RSA.getPublic())).withAudience(TOKEN_ENDPOINT))
                .verify(rs256.serialized()).getSubject()).isEqualTo(CLIENT_ID);
        assertThat(at(clock, JWT.require(Algorithm.RSA256PSS((RSAPublicKey) RSA.getPublic())).withAudience(TOKEN_ENDPOINT))
                .verify(ps256.serialized()).getSubject()).isEqualTo(CLIENT_ID);
    }

    @Test
    void java_jwt_rejects_our_assertion_with_another_key() {
        ClientAssertion assertion = new ClientAssertionIssuer(CLIENT_ID, KEY_ID, EC.getPrivate(), clock).create(TOKEN_ENDPOINT);
        KeyPair other = ClientAssertions.ecKeyPair("secp256r1");

        assertThatThrownBy(() -> at(clock, JWT.require(Algorithm.ECDSA256((ECPublicKey) other.getPublic())))
                .verify(assertion.serialized()))
                .isInstanceOf(SignatureVerificationException.class);
    }
}
