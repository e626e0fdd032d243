package dev.onvifcloud.security.jose;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** What {@link Es256Signer} signs is a standard ES256 JWT: Nimbus and the JDK verify it, Nimbus reads it as made. */
class Es256SignerTest {

    private static final ECKey KEY = newKey();
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder()
            .issuer("https://ocs.example").subject("camera-1").audience("wss://ocs.example/uplink")
            .issueTime(Date.from(Instant.parse("2026-11-25T12:00:00Z")))
            .expirationTime(Date.from(Instant.parse("2026-11-25T12:05:00Z")))
            .jwtID("jti-1").claim("client_id", "camera-1").build();

    private final Es256Signer signer = new Es256Signer(KEY, new JOSEObjectType("at+jwt"));

    @Test
    void signs_a_jwt_that_nimbus_verifies_with_the_header_and_claims_given() throws Exception {
        SignedJWT jwt = SignedJWT.parse(signer.sign(CLAIMS));

        assertThat(jwt.verify(new ECDSAVerifier(KEY.toECPublicKey()))).isTrue();
        assertThat(jwt.getHeader().toJSONObject()).containsOnlyKeys("alg", "typ", "kid")
                .containsEntry("alg", "ES256").containsEntry("typ", "at+jwt").containsEntry("kid", "as-key-1");
        assertThat(jwt.getJWTClaimsSet().toJSONObject()).isEqualTo(CLAIMS.toJSONObject());
    }

    @Test
    void signs_what_nimbus_would_sign_for_the_same_header_and_claims() throws Exception {
        String[] segments = RawJws.segments(signer.sign(CLAIMS));
        SignedJWT nimbus = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(new JOSEObjectType("at+jwt")).keyID("as-key-1").build(), CLAIMS);

        assertThat(segments[0] + "." + segments[1])
                .isEqualTo(new String(nimbus.getSigningInput(), StandardCharsets.US_ASCII));
    }

    @Test
    void its_signature_is_r_and_s_that_the_jdk_verifies() throws Exception {
        String[] segments = RawJws.segments(signer.sign(CLAIMS));
        byte[] signature = java.util.Base64.getUrlDecoder().decode(segments[2]);
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format", "SunEC");
        jdk.initVerify(KEY.toECPublicKey());
        jdk.update((segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII));

        assertThat(signature).hasSize(64);
        assertThat(jdk.verify(signature)).isTrue();
    }

    @Test
    void what_it_signs_passes_the_trusted_key_verifier_of_its_public_keys() throws Exception {
        TrustedKeyVerifier verifier = new TrustedKeyVerifier(signer.publicJwkSet(), 4096,
                java.util.Set.of(JWSAlgorithm.ES256), type -> type.getType().equals("at+jwt"));

        assertThat(verifier.verify(signer.sign(CLAIMS)).requiredString("sub")).isEqualTo("camera-1");
    }

    private static ECKey newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("as-key-1").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
