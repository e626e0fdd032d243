package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64DerTest {

    /** SEQUENCE { OCTET STRING FB FF }: its base64 uses both '+' and '/'. */
    private static final byte[] SEQUENCE_WITH_PLUS_AND_SLASH = {0x30, 0x04, 0x04, 0x02, (byte) 0xfb, (byte) 0xff};

    @Test
    void parses_a_certificate_and_writes_it_back_unchanged() throws WireFormatException {
        String base64 = Golden.text(Fixtures.START, "/deviceConfigurations/0/certPathValidationPolicies/0/trustAnchors/0");

        Base64Der der = Base64Der.parse(base64);

        assertThat(der.toBase64()).isEqualTo(base64);
        assertThat(der.der()).isEqualTo(Base64.getDecoder().decode(base64));
    }

    @Test
    void parses_the_standard_alphabet() throws WireFormatException {
        assertThat(Base64Der.parse("MAQEAvv/").der()).isEqualTo(SEQUENCE_WITH_PLUS_AND_SLASH);
    }

    @Test
    void accepts_an_empty_sequence_and_every_length_form_at_its_boundary() {
        assertThat(Base64Der.of(new byte[] {0x30, 0x00}).der()).hasSize(2);
        assertThat(Base64Der.of(sequence(127)).der()).hasSize(2 + 127);
        assertThat(Base64Der.of(sequence(128)).der()).hasSize(3 + 128);
        assertThat(Base64Der.of(sequence(256)).der()).hasSize(4 + 256);
    }

    @Test
    void accepts_the_canonical_form_the_rejections_below_are_made_from() throws WireFormatException {
        assertThat(Base64Der.parse("MAMCAQE=").der()).containsExactly(0x30, 0x03, 0x02, 0x01, 0x01);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MAQEAvv_",       // URL-safe alphabet
        "MAMC AQE=",      // space
        "MAMC\nAQE=",     // line break, as in PEM or MIME
        "MAMCAQE=\n",     // trailing line break
        "MAMCAQE",        // missing padding
        "MAMCAQE==",      // too much padding
        "MAMCAQF=",       // non-zero padding bits
        "MAMC*QE=",       // character outside the alphabet
        "",               // nothing
    })
    void rejects_anything_but_canonical_standard_base64(String text) {
        assertThatThrownBy(() -> Base64Der.parse(text))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_FORMAT);
                    assertThat(e.pointer()).isEmpty();
                });
    }

    @Test
    void rejects_base64_of_bytes_that_are_not_der() {
        assertNotDer("hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void rejects_a_value_that_is_not_a_sequence() {
        assertNotDer(new byte[] {0x04, 0x02, 0x01, 0x02}); // OCTET STRING
        assertNotDer(new byte[] {0x31, 0x00}); // SET
    }

    @Test
    void rejects_a_single_byte() {
        assertNotDer(new byte[] {0x30});
    }

    @Test
    void rejects_a_length_shorter_than_the_bytes() {
        assertNotDer(new byte[] {0x30, 0x01, 0x05, 0x00}); // trailing byte after the SEQUENCE
    }

    @Test
    void rejects_a_length_longer_than_the_bytes() {
        assertNotDer(new byte[] {0x30, 0x05, 0x05, 0x00}); // truncated
    }

    @Test
    void rejects_the_indefinite_length_of_ber() {
        assertNotDer(new byte[] {0x30, (byte) 0x80, 0x05, 0x00, 0x00, 0x00});
    }

    @Test
    void rejects_a_long_form_length_that_fits_the_short_form() {
        assertNotDer(new byte[] {0x30, (byte) 0x81, 0x02, 0x05, 0x00});
    }

    @Test
    void rejects_a_long_form_length_with_a_leading_zero() {
        byte[] der = sequence(200);
        byte[] padded = new byte[der.length + 1];
        padded[0] = 0x30;
        padded[1] = (byte) 0x82;
        padded[2] = 0x00;
        System.arraycopy(der, 2, padded, 3, der.length - 2);
        assertNotDer(padded);
    }

    @Test
    void rejects_a_truncated_long_form_length() {
        assertNotDer(new byte[] {0x30, (byte) 0x82, 0x01});
    }

    @Test
    void rejects_a_length_of_more_than_four_octets() {
        assertNotDer(new byte[] {0x30, (byte) 0x85, 0x01, 0x00, 0x00, 0x00, 0x00});
    }

    @Test
    void of_rejects_bytes_that_are_not_der() {
        assertThatThrownBy(() -> Base64Der.of(new byte[] {0x04, 0x00})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copies_bytes_in_and_out() {
        byte[] bytes = SEQUENCE_WITH_PLUS_AND_SLASH.clone();
        Base64Der der = Base64Der.of(bytes);

        bytes[5] = 0;
        der.der()[4] = 0;

        assertThat(der.der()).isEqualTo(SEQUENCE_WITH_PLUS_AND_SLASH);
    }

    @Test
    void is_equal_by_content() {
        Base64Der one = Base64Der.of(SEQUENCE_WITH_PLUS_AND_SLASH);
        Base64Der two = Base64Der.of(SEQUENCE_WITH_PLUS_AND_SLASH.clone());

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(Base64Der.of(new byte[] {0x30, 0x00}));
    }

    @Test
    void to_string_shows_the_length_only() {
        assertThat(Base64Der.of(SEQUENCE_WITH_PLUS_AND_SLASH)).hasToString("Base64Der[6 bytes]");
    }

    private static void assertNotDer(byte[] bytes) {
        String base64 = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> Base64Der.parse(base64))
                .isInstanceOfSatisfying(WireFormatException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_FORMAT);
                    assertThat(e.pointer()).isEmpty();
                });
        assertThatThrownBy(() -> Base64Der.of(bytes)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A DER SEQUENCE holding one OCTET STRING, {@code contentLength} bytes of content in all. */
    private static byte[] sequence(int contentLength) {
        byte[] header = contentLength < 128 ? new byte[] {0x30, (byte) contentLength}
                : contentLength < 256 ? new byte[] {0x30, (byte) 0x81, (byte) contentLength}
                : new byte[] {0x30, (byte) 0x82, (byte) (contentLength >> 8), (byte) contentLength};
        byte[] der = new byte[header.length + contentLength];
        System.arraycopy(header, 0, der, 0, header.length);
        return der; // zero content bytes: only the outer SEQUENCE's length is checked
    }
}
