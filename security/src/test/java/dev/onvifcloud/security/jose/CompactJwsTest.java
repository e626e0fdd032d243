package dev.onvifcloud.security.jose;

import static dev.onvifcloud.security.jose.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CompactJws#parse}: canonical base64url only, the input kept as parsed, the claims decoded once. */
class CompactJwsTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String HEADER = RawJws.encode("{\"alg\":\"ES256\"}");
    private static final String PAYLOAD = RawJws.encode("{\"sub\":\"camera-1\"}");
    private static final Set<JWSAlgorithm> ES256 = Set.of(JWSAlgorithm.ES256);

    /**
     * Every last character of a segment whose length is 2 or 3 modulo 4: accepted exactly when it is what encoding
     * the decoded bytes gives back (its unused low bits are zero), whichever segment it ends.
     */
    @ParameterizedTest
    @ValueSource(strings = {"A", "AA", "AAAAA", "AAAAAA"})
    void accepts_a_segment_exactly_when_its_base64url_is_canonical(String prefix) {
        for (char last : ALPHABET.toCharArray()) {
            String segment = prefix + last;
            boolean canonical = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Base64.getUrlDecoder().decode(segment)).equals(segment);
            for (String compact : new String[] {HEADER + "." + PAYLOAD + "." + segment,
                    HEADER + "." + segment + "." + "AAAA"}) {
                if (canonical) {
                    assertThat(parses(compact)).as(compact).isTrue();
                } else {
                    assertThat(rejection(() -> CompactJws.parse(compact, 4096, ES256)).reason()).as(compact)
                            .isEqualTo(RejectionReason.MALFORMED);
                }
            }
        }
    }

    @Test
    void refuses_a_segment_of_one_more_than_a_multiple_of_four_characters() {
        assertThat(rejection(() -> CompactJws.parse(HEADER + "." + PAYLOAD + ".AAAAA", 4096, ES256)).reason())
                .isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejection(() -> CompactJws.parse(HEADER + "A." + PAYLOAD + ".AAAA", 4096, ES256)).reason())
                .isEqualTo(RejectionReason.MALFORMED);
    }

    @Test
    void keeps_the_serialization_and_decodes_the_claims_once() throws Exception {
        String compact = HEADER + "." + PAYLOAD + ".AAAA";

        CompactJws jws = CompactJws.parse(compact, 4096, ES256);

        assertThat(jws.serialized()).isSameAs(compact);
        assertThat(jws.claims()).isSameAs(jws.claims());
        assertThat(jws.claims().requiredString("sub")).isEqualTo("camera-1");
    }

    @Test
    void refuses_claims_that_are_not_a_json_object_each_time_they_are_asked_for() throws Exception {
        CompactJws jws = CompactJws.parse(HEADER + "." + RawJws.encode("[1]") + ".AAAA", 4096, ES256);

        assertThat(rejection(jws::claims).reason()).isEqualTo(RejectionReason.MALFORMED);
        assertThat(rejection(jws::claims).reason()).isEqualTo(RejectionReason.MALFORMED);
    }

    private static boolean parses(String compact) {
        try {
            CompactJws.parse(compact, 4096, ES256);
            return true;
        } catch (TokenRejectedException e) {
            return false;
        }
    }
}
