package dev.onvifcloud.protocol;

import static dev.onvifcloud.protocol.Fixtures.START;
import static dev.onvifcloud.protocol.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Limits, duplicate member names and malformed JSON: what is refused before any member is bound. */
class JsonBoundsTest {

    private static final String ENDPOINTS = "/deviceConfigurations/0/endpointReferences";

    private final Json json = new Json(JsonLimits.defaults());

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code n} nested arrays, innermost empty. */
    private static String nestedArrays(int n) {
        return "[".repeat(n) + "]".repeat(n);
    }

    private static String endpoints(int count) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            array.append(i == 0 ? "" : ",").append("\"https://ocs").append(i).append(".example.net/done\"");
        }
        return array.append(']').toString();
    }

    // ---- body size

    @Test
    void rejects_a_body_larger_than_the_limit() {
        byte[] body = Golden.bytes(START);
        Json limited = new Json(JsonLimits.defaults().withMaxBodyBytes(body.length - 1));

        assertRejected(limited, body, StartDeviceSharing.class, Reason.TOO_LARGE, "");
    }

    @Test
    void accepts_a_body_of_exactly_the_limit() throws WireFormatException {
        byte[] body = Golden.bytes(START);
        Json limited = new Json(JsonLimits.defaults().withMaxBodyBytes(body.length));

        assertThat(limited.read(body, StartDeviceSharing.class)).isEqualTo(Fixtures.startDeviceSharing());
    }

    @Test
    void rejects_a_body_over_one_mebibyte_by_default() {
        byte[] body = utf8("{\"model\":\"CAM\",\"padding\":\"" + "x".repeat(1_048_576) + "\"}");

        assertRejected(body, GetAvailableFWImages.class, Reason.TOO_LARGE, "");
    }

    @Test
    void rejects_a_number_with_too_many_digits() {
        byte[] body = utf8("{\"model\":\"CAM\",\"serial\":1" + "0".repeat(2000) + "}");

        assertRejected(body, GetAvailableFWImages.class, Reason.TOO_LARGE, "/serial");
    }

    // ---- a batch of cameras in one startDeviceSharing

    /** The golden request with {@code count} copies of its configuration, each with its own share token. */
    private static byte[] batch(int count) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode tree =
                (ObjectNode) mapper.readTree(Golden.bytes(START));
        ArrayNode configurations =
                (ArrayNode) tree.get("deviceConfigurations");
        ObjectNode first =
                (ObjectNode) configurations.get(0);
        configurations.removeAll();
        for (int i = 0; i < count; i++) {
            ObjectNode copy = first.deepCopy();
            copy.put("shareToken", first.get("shareToken").asText() + Integer.toString(i, 36));
            configurations.add(copy);
        }
        return mapper.writeValueAsBytes(tree);
    }

    @Test
    void reads_a_start_device_sharing_of_a_thousand_cameras_with_its_own_limits() throws Exception {
        byte[] body = batch(JsonLimits.MAX_DEVICE_CONFIGURATIONS);

        assertThat(new Json(JsonLimits.startDeviceSharing()).read(body, StartDeviceSharing.class)
                .deviceConfigurations()).hasSize(1000);
        assertThat(body.length).isGreaterThan(JsonLimits.defaults().maxBodyBytes());
        assertRejected(body, StartDeviceSharing.class, Reason.TOO_LARGE, "");
    }

    @Test
    void refuses_a_start_device_sharing_of_more_than_a_thousand_cameras() throws Exception {
        byte[] body = batch(JsonLimits.MAX_DEVICE_CONFIGURATIONS + 1);

        assertRejected(new Json(JsonLimits.startDeviceSharing()), body, StartDeviceSharing.class,
                Reason.TOO_MANY_ITEMS, "/deviceConfigurations");
    }

    @Test
    void refuses_a_start_device_sharing_body_over_four_mebibytes() {
        byte[] body = utf8("{\"deviceConfigurations\":[],\"padding\":\"" + "x".repeat(4 * 1_048_576) + "\"}");

        assertRejected(new Json(JsonLimits.startDeviceSharing()), body, StartDeviceSharing.class, Reason.TOO_LARGE, "");
    }

    // ---- arrays

    @Test
    void rejects_an_array_with_more_items_than_the_limit() {
        byte[] body = Golden.with(START, ENDPOINTS, endpoints(257));

        assertRejected(body, StartDeviceSharing.class, Reason.TOO_MANY_ITEMS, ENDPOINTS);
    }

    @Test
    void accepts_an_array_of_exactly_the_limit() throws WireFormatException {
        byte[] body = Golden.with(START, ENDPOINTS, endpoints(256));

        assertThat(json.read(body, StartDeviceSharing.class).deviceConfigurations().get(0).endpointReferences())
                .hasSize(256);
    }

    @Test
    void applies_the_array_limit_to_unknown_members_and_bare_arrays() {
        Json limited = new Json(JsonLimits.defaults().withMaxArrayItems(2));

        assertRejected(limited, utf8("{\"model\":\"CAM\",\"extra\":[1,2,3]}"), GetAvailableFWImages.class,
                Reason.TOO_MANY_ITEMS, "/extra");
        assertRejected(limited, Golden.bytes("availableFWImages.json"), AvailableFWImages.class,
                Reason.TOO_MANY_ITEMS, "");
    }

    // ---- strings

    @Test
    void rejects_a_string_longer_than_the_limit() {
        String pointer = "/deviceConfigurations/0/shareToken";
        String token = "e30.e30." + "A".repeat(16_384 - 8 + 1);

        assertRejected(Golden.with(START, pointer, "\"" + token + "\""), StartDeviceSharing.class,
                Reason.STRING_TOO_LONG, pointer);
    }

    @Test
    void accepts_a_string_of_exactly_the_limit() throws WireFormatException {
        String token = "e30.e30." + "A".repeat(16_384 - 8);

        StartDeviceSharing read = json.read(Golden.with(START, "/deviceConfigurations/0/shareToken",
                "\"" + token + "\""), StartDeviceSharing.class);

        assertThat(read.deviceConfigurations().get(0).shareToken()).hasSize(16_384);
    }

    @Test
    void counts_escapes_as_the_characters_they_stand_for() throws WireFormatException {
        Json limited = new Json(JsonLimits.defaults().withMaxStringLength(5)); // "model" itself has 5

        assertThat(limited.read(utf8("{\"model\":\"\\u0041\\u0042\\u0043\\u0044\\u0045\"}"),
                GetAvailableFWImages.class).model()).isEqualTo("ABCDE");
        assertRejected(limited, utf8("{\"model\":\"\\u0041\\u0042\\u0043\\u0044\\u0045\\u0046\"}"),
                GetAvailableFWImages.class, Reason.STRING_TOO_LONG, "/model");
    }

    @Test
    void applies_the_string_limit_to_unknown_members_and_member_names() {
        Json limited = new Json(JsonLimits.defaults().withMaxStringLength(8));

        assertRejected(limited, utf8("{\"model\":\"CAM\",\"note\":\"123456789\"}"), GetAvailableFWImages.class,
                Reason.STRING_TOO_LONG, "/note");
        assertRejected(limited, utf8("{\"model\":\"CAM\",\"x\":{\"123456789\":1}}"), GetAvailableFWImages.class,
                Reason.STRING_TOO_LONG, "/x");
    }

    // ---- depth

    @Test
    void rejects_nesting_deeper_than_the_limit_in_an_unknown_member() {
        // the document is level 1, "extra" level 2: 16 arrays reach level 17
        byte[] body = utf8("{\"model\":\"CAM\",\"extra\":" + nestedArrays(16) + "}");

        assertRejected(body, GetAvailableFWImages.class, Reason.TOO_DEEP, "/extra" + "/0".repeat(15));
    }

    @Test
    void accepts_nesting_of_exactly_the_limit() throws WireFormatException {
        byte[] body = utf8("{\"model\":\"CAM\",\"extra\":" + nestedArrays(15) + "}");

        assertThat(json.read(body, GetAvailableFWImages.class).model()).isEqualTo("CAM");
    }

    @Test
    void rejects_a_start_device_sharing_deeper_than_a_small_limit() {
        Json shallow = new Json(JsonLimits.defaults().withMaxDepth(5));

        assertRejected(shallow, Golden.bytes(START), StartDeviceSharing.class, Reason.TOO_DEEP,
                "/deviceConfigurations/0/certPathValidationPolicies/0/trustAnchors");
    }

    @Test
    void reads_a_start_device_sharing_at_depth_six() throws WireFormatException {
        Json shallow = new Json(JsonLimits.defaults().withMaxDepth(6));

        assertThat(shallow.read(Golden.bytes(START), StartDeviceSharing.class)).isEqualTo(Fixtures.startDeviceSharing());
    }

    @Test
    void rejects_deep_nesting_far_beyond_jacksons_own_default_without_overflowing_the_stack() {
        byte[] body = utf8("{\"model\":\"CAM\",\"extra\":" + nestedArrays(100_000) + "}");

        assertRejected(body, GetAvailableFWImages.class, Reason.TOO_DEEP, "/extra" + "/0".repeat(15));
    }

    // ---- duplicate member names

    @Test
    void rejects_a_duplicate_member_at_the_top() {
        assertRejected(utf8("{\"model\":\"CAM-4K\",\"model\":\"CAM-2K\"}"), GetAvailableFWImages.class,
                Reason.DUPLICATE_KEY, "/model");
    }

    @Test
    void rejects_a_duplicate_member_deep_inside() {
        String uplink = "/deviceConfigurations/0/uplinkConfigurations/1";
        byte[] body = Golden.bytes(START);
        String text = new String(body, StandardCharsets.UTF_8)
                .replace("\"userLevel\": \"Operator\"", "\"userLevel\": \"Operator\", \"userLevel\": \"Administrator\"");

        assertRejected(utf8(text), StartDeviceSharing.class, Reason.DUPLICATE_KEY, uplink + "/userLevel");
    }

    @Test
    void rejects_a_duplicate_unknown_member() {
        assertRejected(utf8("{\"model\":\"CAM\",\"extra\":1,\"extra\":1}"), GetAvailableFWImages.class,
                Reason.DUPLICATE_KEY, "/extra");
    }

    // ---- malformed JSON

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "{",
        "{\"model\":\"CAM\"",
        "{\"model\":\"CAM\",}",
        "{\"model\":\"CAM\"} x",
        "{\"model\":\"CAM\"} {}",
        "{'model':'CAM'}",
        "{model:\"CAM\"}",
        "{\"model\":\"CAM\" /* comment */}",
        "{\"model\":\"C\tAM\"}",
        "{\"model\":\"CAM\",\"n\":NaN}",
        "{\"model\":\"CAM\",\"n\":01}",
        "{\"model\":\"CAM\",\"n\":[1,]}",
        "{\"model\":\"\\ud800\"}",
        "{\"model\":\"CAM\",\"\\udc00\":1}",
        "\ufeff{\"model\":\"CAM\"}",
    })
    void rejects_malformed_json(String body) {
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(WireFormatException.class,
                () -> json.read(utf8(body), GetAvailableFWImages.class));

        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.MALFORMED_JSON);
    }

    @Test
    void points_at_the_member_where_the_syntax_breaks() {
        assertRejected(utf8("{\"model\": tru}"), GetAvailableFWImages.class, Reason.MALFORMED_JSON, "/model");
        assertRejected(utf8("{\"model\":\"\\ud800x\"}"), GetAvailableFWImages.class, Reason.MALFORMED_JSON, "/model");
    }

    @Test
    void rejects_bytes_that_are_not_utf8() {
        byte[] latin1 = "{\"model\":\"K\u00e4mera\"}".getBytes(StandardCharsets.ISO_8859_1);
        byte[] overlong = {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};

        assertRejected(latin1, GetAvailableFWImages.class, Reason.MALFORMED_JSON, "");
        assertRejected(overlong, GetAvailableFWImages.class, Reason.MALFORMED_JSON, "");
    }

    @Test
    void rejects_utf16_even_with_a_byte_order_mark() {
        byte[] utf16 = "{\"model\":\"CAM\"}".getBytes(StandardCharsets.UTF_16);

        assertRejected(utf16, GetAvailableFWImages.class, Reason.MALFORMED_JSON, "");
    }

    @Test
    void accepts_a_surrogate_pair() throws WireFormatException {
        assertThat(json.read(utf8("{\"model\":\"\\ud83d\\udcf7\"}"), GetAvailableFWImages.class).model())
                .isEqualTo("\ud83d\udcf7");
    }
}
