package dev.onvifcloud.security.csr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwkThumbprintTest {

    /** RFC 7638 section 3.1: the RSA key of RFC 7517 appendix A.1. */
    static final String RFC_7638_N = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAt"
            + "VT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn6"
            + "4tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FD"
            + "W2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n9"
            + "1CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINH"
            + "aQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
    static final String RFC_7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    /** RFC 7638 section 3.1: the SHA-256 hash, as the octets the RFC lists. */
    static final int[] RFC_7638_HASH = {55, 54, 203, 177, 120, 124, 184, 48, 156, 119, 238, 140, 55, 5, 197, 225, 111,
        251, 158, 133, 151, 21, 144, 31, 30, 76, 89, 177, 17, 130, 245, 123};

    @Test
    void matches_the_rfc_7638_example_byte_for_byte() throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(RFC_7638_N)),
                        new BigInteger(1, Base64.getUrlDecoder().decode("AQAB"))));

        String thumbprint = JwkThumbprint.sha256(key);

        assertThat(JwkThumbprint.canonicalJson(key))
                .isEqualTo("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"" + RFC_7638_N + "\"}");
        assertThat(thumbprint).isEqualTo(RFC_7638_THUMBPRINT);
        byte[] hash = Base64.getUrlDecoder().decode(thumbprint);
        assertThat(hash).hasSize(RFC_7638_HASH.length);
        for (int i = 0; i < hash.length; i++) {
            assertThat(hash[i] & 0xff).as("octet %d", i).isEqualTo(RFC_7638_HASH[i]);
        }
    }

    @Test
    void matches_the_rfc_7638_example_through_a_parsed_jwk() throws Exception {
        RSAKey jwk = RSAKey.parse("{\"kty\":\"RSA\",\"n\":\"" + RFC_7638_N
                + "\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}");

        assertThat(JwkThumbprint.sha256(jwk.toRSAPublicKey())).isEqualTo(RFC_7638_THUMBPRINT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void ec_thumbprints_agree_with_nimbus_including_coordinates_with_leading_zero_octets(String curve)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        ECPublicKey random = (ECPublicKey) generator.generateKeyPair().getPublic();
        ECPublicKey leadingZeroX = keyWithLeadingZeroX(curve);

        for (ECPublicKey key : new ECPublicKey[] {random, leadingZeroX}) {
            ECKey jwk = new ECKey.Builder(Curve.forECParameterSpec(key.getParams()), key).build();
            assertThat(JwkThumbprint.sha256(key)).isEqualTo(jwk.computeThumbprint().toString());
        }
        int octets = (leadingZeroX.getParams().getCurve().getField().getFieldSize() + 7) / 8;
        assertThat(JwkThumbprint.canonicalJson(leadingZeroX)).contains("\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(fixedLength(leadingZeroX, octets)) + "\"");
    }

    @Test
    void rsa_thumbprints_agree_with_nimbus() throws Exception {
        RSAPublicKey key = (RSAPublicKey) KeyAlgorithm.RSA_2048.generate().getPublic();

        assertThat(JwkThumbprint.sha256(key)).isEqualTo(
                new RSAKey.Builder(key).build().computeThumbprint().toString());
    }

    @Test
    void refuses_other_key_types_and_curves() throws Exception {
        PublicKey ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        KeyPairGenerator secp256k1 = KeyPairGenerator.getInstance("EC",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        secp256k1.initialize(new ECGenParameterSpec("secp256k1"));
        PublicKey k1 = secp256k1.generateKeyPair().getPublic();

        assertThatThrownBy(() -> JwkThumbprint.sha256(ed25519)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwkThumbprint.sha256(k1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The first multiple of the generator whose x coordinate needs fewer octets than the field: 1 in 256 does. */
    static ECPublicKey keyWithLeadingZeroX(String curve) throws Exception {
        X9ECParameters x9 = ECNamedCurveTable.getByName(curve);
        int octets = (x9.getCurve().getFieldSize() + 7) / 8;
        ECPoint point = x9.getG();
        while (point.normalize().getAffineXCoord().toBigInteger().bitLength() > (octets - 1) * 8) {
            point = point.add(x9.getG());
        }
        point = point.normalize();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                new java.security.spec.ECPoint(point.getAffineXCoord().toBigInteger(),
                        point.getAffineYCoord().toBigInteger()),
                parameters.getParameterSpec(ECParameterSpec.class)));
    }

    static byte[] fixedLength(ECPublicKey key, int octets) {
        byte[] unsigned = key.getW().getAffineX().toByteArray();
        byte[] result = new byte[octets];
        int copied = Math.min(unsigned.length, octets);
        System.arraycopy(unsigned, unsigned.length - copied, result, octets - copied, copied);
        assertThat(result[0]).isZero();
        return result;
    }
}
