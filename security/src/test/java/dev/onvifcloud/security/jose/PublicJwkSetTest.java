package dev.onvifcloud.security.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

class PublicJwkSetTest {

    @Test
    void keeps_only_the_public_part_of_private_keys() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();

        PublicJwkSet set = PublicJwkSet.of(ec, rsa);

        assertThat(set.keys()).noneMatch(key -> key.isPrivate());
        assertThat(set.toJson()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"")
                .doesNotContain(ec.getD().toString()).doesNotContain(rsa.getPrivateExponent().toString());
        assertThat(set.find("rsa")).contains(rsa.toPublicJWK());
        assertThat(set.find("nope")).isEmpty();
    }

    @Test
    void round_trips_through_json() throws Exception {
        PublicJwkSet set = PublicJwkSet.of(new ECKeyGenerator(Curve.P_256).keyID("a").generate(),
                new ECKeyGenerator(Curve.P_384).keyID("b").generate());

        assertThat(PublicJwkSet.parse(set.toJson())).isEqualTo(set);
    }

    @Test
    void refuses_a_key_without_kid() throws Exception {
        ECKey noKid = new ECKeyGenerator(Curve.P_256).generate();

        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.of(noKid));
    }

    @Test
    void refuses_duplicate_kids() throws Exception {
        ECKey a = new ECKeyGenerator(Curve.P_256).keyID("same").generate();
        ECKey b = new ECKeyGenerator(Curve.P_256).keyID("same").generate();

        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.of(a, b));
    }

    @Test
    void refuses_symmetric_keys() throws Exception {
        OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();

        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.of(secret));
    }

    @Test
    void refuses_weak_rsa_keys() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();

        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.of(weak));
    }

    @Test
    void refuses_encryption_keys() throws Exception {
        ECKey enc = new ECKeyGenerator(Curve.P_256).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();

        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.of(enc));
    }

    @Test
    void refuses_a_document_that_is_not_a_jwk_set() {
        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.parse("{\"keys\":7}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PublicJwkSet.parse("not json"));
    }
}
