package dev.onvifcloud.security.token;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static dev.onvifcloud.security.token.ShareTokens.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RawJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.VerificationKey;
import dev.onvifcloud.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each attack on a share token, with the reason it must be rejected for. */
class ShareTokenAttackTest {

    private static final String KID = "pcs-key-1";
    private static final ECKey KEY = ShareTokens.newKey(KID);

    private final SettableClock clock = new SettableClock(NOW);
    private final ShareTokenVerifier verifier =
            new ShareTokenVerifier(PublicJwkSet.of(KEY), ShareTokenPolicy.defaults(), clock);

    private static String validToken() {
        return ShareTokens.sign(ShareTokens.header(KID), ShareTokens.claims(), KEY);
    }

    private RejectionReason reasonFor(String token) {
        return rejection(() -> verifier.verify(token)).reason();
    }

    private RejectionReason reasonFor(ShareTokenVerifier someVerifier, String token) {
        return rejection(() -> someVerifier.verify(token)).reason();
    }

    @Test
    void the_unaltered_token_that_attacks_start_from_is_accepted() throws Exception {
        assertThat(verifier.verify(validToken()).claims().serialNumber()).isEqualTo(ShareTokens.SERIAL_NUMBER);
    }

    // --- algorithm attacks ---

    @Test
    void rejects_unsigned_token_with_alg_none() {
        String token = JWT.create()
                .withKeyId(KID)
                .withIssuer(ShareTokens.ISSUER)
                .withPayload(ShareTokens.claims())
                .sign(Algorithm.none());

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE", ""})
    void rejects_alg_none_in_any_spelling_even_with_a_real_signature_attached(String alg) {
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("alg", alg);
        String signature = RawJws.segments(validToken())[2];
        String token = RawJws.encode(RawJws.json(header)) + "." + RawJws.encode(RawJws.json(ShareTokens.claims()))
                + "." + signature;

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_hs256_signed_with_the_public_key_bytes_as_secret() throws Exception {
        byte[] secret = KEY.toECPublicKey().getEncoded();
        String token = JWT.create().withKeyId(KID).withPayload(ShareTokens.claims()).sign(Algorithm.HMAC256(secret));

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_hs256_signed_with_the_public_jwk_json_as_secret_even_if_every_algorithm_is_accepted() {
        byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        String token = JWT.create().withKeyId(KID).withPayload(ShareTokens.claims()).sign(Algorithm.HMAC256(secret));
        ShareTokenVerifier permissive = new ShareTokenVerifier(PublicJwkSet.of(KEY),
                ShareTokenPolicy.defaults().withAcceptedAlgorithms(VerificationKey.SUPPORTED_ALGORITHMS), clock);

        assertThat(reasonFor(permissive, token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_an_accepted_algorithm_that_does_not_fit_the_key_named_by_kid() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("alg", "RS256");
        String token = RawJws.sign(header, ShareTokens.claims(), new RSASSASigner(rsa), JWSAlgorithm.RS256);
        ShareTokenVerifier permissive = new ShareTokenVerifier(PublicJwkSet.of(KEY),
                ShareTokenPolicy.defaults().withAcceptedAlgorithms(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256)), clock);

        assertThat(reasonFor(permissive, token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_es384_against_a_p256_key_even_when_es384_is_accepted() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("alg", "ES384");
        String token = RawJws.sign(header, ShareTokens.claims(), new ECDSASigner(p384), JWSAlgorithm.ES384);
        ShareTokenVerifier permissive = new ShareTokenVerifier(PublicJwkSet.of(KEY),
                ShareTokenPolicy.defaults().withAcceptedAlgorithms(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384)), clock);

        assertThat(reasonFor(permissive, token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void rejects_rs256_by_default_even_from_a_trusted_rsa_key() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        Map<String, Object> header = ShareTokens.header("rsa-1");
        header.put("alg", "RS256");
        String token = RawJws.sign(header, ShareTokens.claims(), new RSASSASigner(rsa), JWSAlgorithm.RS256);
        ShareTokenVerifier withRsaKey = new ShareTokenVerifier(PublicJwkSet.of(KEY, rsa), ShareTokenPolicy.defaults(), clock);

        assertThat(reasonFor(withRsaKey, token)).isEqualTo(RejectionReason.UNSUPPORTED_ALGORITHM);
    }

    // --- key attacks ---

    @Test
    void rejects_a_foreign_key_that_reuses_a_known_kid() {
        String token = ShareTokens.sign(ShareTokens.header(KID), ShareTokens.claims(), ShareTokens.newKey(KID));

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void ignores_a_key_embedded_in_the_header() {
        ECKey attacker = ShareTokens.newKey(KID);
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("jwk", attacker.toPublicJWK().toJSONObject());
        header.put("jku", "https://attacker.example/jwks.json");

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), attacker)))
                .isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_an_unknown_kid() {
        ECKey other = ShareTokens.newKey("unknown");

        assertThat(reasonFor(ShareTokens.sign(ShareTokens.header("unknown"), ShareTokens.claims(), other)))
                .isEqualTo(RejectionReason.UNKNOWN_KEY);
    }

    @Test
    void rejects_a_missing_kid() {
        Map<String, Object> header = ShareTokens.header(KID);
        header.remove("kid");

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), KEY))).isEqualTo(RejectionReason.MISSING_KEY_ID);
    }

    // --- tampering ---

    @Test
    void rejects_a_tampered_payload() {
        String[] segments = RawJws.segments(validToken());
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("onvif:sn", "ACME-0042-7732");

        String token = segments[0] + "." + RawJws.encode(RawJws.json(claims)) + "." + segments[2];

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_tampered_header() {
        String[] segments = RawJws.segments(validToken());
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("x-note", "changed");

        String token = RawJws.encode(RawJws.json(header)) + "." + segments[1] + "." + segments[2];

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_the_signature_of_another_token() {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("jti", "another");
        String[] other = RawJws.segments(ShareTokens.sign(ShareTokens.header(KID), claims, KEY));
        String[] segments = RawJws.segments(validToken());

        assertThat(reasonFor(segments[0] + "." + segments[1] + "." + other[2])).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_an_all_zero_ecdsa_signature() {
        String[] segments = RawJws.segments(validToken());

        String token = segments[0] + "." + segments[1] + "." + RawJws.encode(new byte[64]);

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_truncated_signature() {
        String[] segments = RawJws.segments(validToken());
        byte[] signature = Base64.getUrlDecoder().decode(segments[2]);

        String token = segments[0] + "." + segments[1] + "." + RawJws.encode(java.util.Arrays.copyOf(signature, 63));

        assertThat(reasonFor(token)).isEqualTo(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void rejects_a_signature_in_non_canonical_base64url() {
        String token = validToken();
        // 64 bytes take 86 characters: the last one carries 4 unused bits, which must be zero.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sameBytesOtherBits = alphabet.charAt(alphabet.indexOf(last) ^ 0b0001);
        String altered = token.substring(0, token.length() - 1) + sameBytesOtherBits;
        assertThat(Base64.getUrlDecoder().decode(RawJws.segments(altered)[2]))
                .isEqualTo(Base64.getUrlDecoder().decode(RawJws.segments(token)[2]));
        assertThat(altered).isNotEqualTo(token);

        assertThat(reasonFor(altered)).isEqualTo(RejectionReason.MALFORMED);
    }

    // --- header checks ---

    @Test
    void rejects_a_crit_header_with_an_unknown_parameter() {
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("crit", List.of("urn:example:must-understand"));
        header.put("urn:example:must-understand", true);

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), KEY)))
                .isEqualTo(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void rejects_a_crit_header_even_when_empty() {
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("crit", List.of());

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), KEY)))
                .isEqualTo(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
    }

    @Test
    void rejects_a_token_without_typ() {
        Map<String, Object> header = ShareTokens.header(KID);
        header.remove("typ");

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), KEY))).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "JOSE", "dpop+jwt", "application/jwt+x"})
    void rejects_a_typ_other_than_jwt(String typ) {
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("typ", typ);

        assertThat(reasonFor(ShareTokens.sign(header, ShareTokens.claims(), KEY))).isEqualTo(RejectionReason.UNSUPPORTED_TYPE);
    }

    @Test
    void accepts_typ_jwt_in_any_case_as_media_types_are_case_insensitive() throws Exception {
        Map<String, Object> header = ShareTokens.header(KID);
        header.put("typ", "jwt");

        assertThat(verifier.verify(ShareTokens.sign(header, ShareTokens.claims(), KEY))).isNotNull();
    }

    // --- size ---

    @Test
    void rejects_a_token_longer_than_the_maximum() {
        Map<String, Object> claims = ShareTokens.claims();
        claims.put("padding", "x".repeat(ShareTokenPolicy.DEFAULT_MAX_TOKEN_BYTES));

        assertThat(reasonFor(ShareTokens.sign(ShareTokens.header(KID), claims, KEY))).isEqualTo(RejectionReason.TOO_LARGE);
    }

    @Test
    void checks_the_size_before_parsing_anything() {
        String garbage = "{not even base64}".repeat(1000);

        assertThat(reasonFor(garbage)).isEqualTo(RejectionReason.TOO_LARGE);
    }

    @Test
    void accepts_a_token_of_exactly_the_maximum_size_and_rejects_one_byte_less_allowed() throws Exception {
        String token = validToken();
        ShareTokenPolicy exact = ShareTokenPolicy.defaults().withMaxTokenBytes(token.length());

        assertThat(new ShareTokenVerifier(PublicJwkSet.of(KEY), exact, clock).verify(token)).isNotNull();
        assertThat(reasonFor(new ShareTokenVerifier(PublicJwkSet.of(KEY),
                exact.withMaxTokenBytes(token.length() - 1), clock), token)).isEqualTo(RejectionReason.TOO_LARGE);
    }

    // --- malformed ---

    static Stream<Arguments> malformed_tokens() {
        String[] valid = RawJws.segments(validToken());
        String header = valid[0];
        String payload = valid[1];
        String signature = valid[2];
        ECDSASigner signer;
        try {
            signer = new ECDSASigner(KEY);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String goodHeaderJson = RawJws.json(ShareTokens.header(KID));
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("one segment", header),
                Arguments.of("two segments", header + "." + payload),
                Arguments.of("four segments", header + "." + payload + "." + signature + "." + signature),
                Arguments.of("five segments, like a JWE", header + "." + payload + "." + payload + "." + payload + "." + signature),
                Arguments.of("empty signature", header + "." + payload + "."),
                Arguments.of("standard base64 alphabet", header + "." + payload + "+/" + "." + signature),
                Arguments.of("base64 padding", header + "=." + payload + "." + signature),
                Arguments.of("whitespace", header + ". " + payload + "." + signature),
                Arguments.of("impossible base64url length", header + ".A." + signature),
                Arguments.of("header not JSON", RawJws.encode("alg=ES256") + "." + payload + "." + signature),
                Arguments.of("header a JSON array", RawJws.encode("[\"ES256\"]") + "." + payload + "." + signature),
                Arguments.of("header without alg", RawJws.encode("{\"kid\":\"" + KID + "\",\"typ\":\"JWT\"}") + "." + payload + "." + signature),
                Arguments.of("alg not a string", RawJws.encode("{\"alg\":256,\"kid\":\"" + KID + "\"}") + "." + payload + "." + signature),
                Arguments.of("kid not a string", RawJws.encode("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":7}") + "." + payload + "." + signature),
                Arguments.of("header not UTF-8", RawJws.encode(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}) + "." + payload + "." + signature),
                Arguments.of("header with a duplicate member",
                        RawJws.encode("{\"alg\":\"ES256\",\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + KID + "\"}") + "." + payload + "." + signature),
                Arguments.of("signed payload not JSON",
                        RawJws.signEncoded(RawJws.encode(goodHeaderJson), RawJws.encode("hello"), signer, JWSAlgorithm.ES256)),
                Arguments.of("signed payload a JSON array",
                        RawJws.signEncoded(RawJws.encode(goodHeaderJson), RawJws.encode("[1,2]"), signer, JWSAlgorithm.ES256)),
                Arguments.of("signed payload empty",
                        RawJws.signEncoded(RawJws.encode(goodHeaderJson), "", signer, JWSAlgorithm.ES256)),
                Arguments.of("signed payload with a duplicate claim",
                        RawJws.signEncoded(RawJws.encode(goodHeaderJson),
                                RawJws.encode(RawJws.json(ShareTokens.claims()).replaceFirst("\\{", "{\"onvif:sn\":\"OTHER\",")),
                                signer, JWSAlgorithm.ES256)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed_tokens")
    void rejects_malformed_tokens(String description, String token) {
        assertThat(reasonFor(token)).isEqualTo(RejectionReason.MALFORMED);
    }
}
