package dev.onvifcloud.protocol;

import static dev.onvifcloud.protocol.Fixtures.COMPLETED;
import static dev.onvifcloud.protocol.Fixtures.START;
import static dev.onvifcloud.protocol.Rejections.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a message can break the wire model, with the reason and the pointer it yields. */
class JsonRejectionTest {

    private static final String ERROR = "deviceSharingError-invalid-jwt.json";
    private static final String FW_REQUEST = "getAvailableFWImages.json";
    private static final String FW_LIST = "availableFWImages.json";

    private static final String DEVICE = "/deviceConfigurations/0";
    private static final String UPLINK = DEVICE + "/uplinkConfigurations/1";
    private static final String SERVER = DEVICE + "/authorizationServerConfigurations/0";
    private static final String POLICY = DEVICE + "/certPathValidationPolicies/1";

    private final Json json = new Json(JsonLimits.defaults());

    private static Class<? extends WireMessage> typeOf(String file) {
        return switch (file) {
            case START -> StartDeviceSharing.class;
            case COMPLETED -> DeviceSharingCompleted.class;
            case ERROR -> DeviceSharingError.class;
            case FW_REQUEST -> GetAvailableFWImages.class;
            case FW_LIST -> AvailableFWImages.class;
            default -> throw new IllegalArgumentException(file);
        };
    }

    // ---- required members

    static Stream<Arguments> requiredMembers() {
        return Stream.of(
                Arguments.of(START, "/deviceConfigurations"),
                Arguments.of(START, DEVICE + "/shareToken"),
                Arguments.of(START, DEVICE + "/endpointReferences"),
                Arguments.of(START, DEVICE + "/uplinkConfigurations"),
                Arguments.of(START, DEVICE + "/authorizationServerConfigurations"),
                Arguments.of(START, DEVICE + "/certPathValidationPolicies"),
                Arguments.of(START, UPLINK + "/remoteAddress"),
                Arguments.of(START, UPLINK + "/userLevel"),
                Arguments.of(START, UPLINK + "/certPathValidationPolicyAlias"),
                Arguments.of(START, SERVER + "/serverUri"),
                Arguments.of(START, SERVER + "/clientId"),
                Arguments.of(START, SERVER + "/certPathValidationPolicyAlias"),
                Arguments.of(START, POLICY + "/alias"),
                Arguments.of(START, POLICY + "/trustAnchors"),
                Arguments.of(START, "/deviceConfigurations/1/shareToken"),
                Arguments.of(COMPLETED, "/shareToken"),
                Arguments.of(COMPLETED, "/devicePublicKey"),
                Arguments.of(ERROR, "/error"),
                Arguments.of(FW_REQUEST, "/model"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requiredMembers")
    void rejects_a_missing_required_member(String file, String pointer) {
        assertRejected(Golden.without(file, pointer), typeOf(file), Reason.MISSING_FIELD, pointer);
    }

    @Test
    void accepts_an_authorization_server_without_scope() throws WireFormatException {
        StartDeviceSharing read = json.read(Golden.without(START, SERVER + "/scope"), StartDeviceSharing.class);

        assertThat(read.deviceConfigurations().get(0).authorizationServerConfigurations().get(0).scope()).isEmpty();
    }

    // ---- types

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(START, "/deviceConfigurations", "{}"),
                Arguments.of(START, "/deviceConfigurations", "null"),
                Arguments.of(START, "/deviceConfigurations/1", "\"device\""),
                Arguments.of(START, "/deviceConfigurations/1", "[]"),
                Arguments.of(START, DEVICE + "/shareToken", "42"),
                Arguments.of(START, DEVICE + "/shareToken", "true"),
                Arguments.of(START, DEVICE + "/shareToken", "null"),
                Arguments.of(START, DEVICE + "/shareToken", "{}"),
                Arguments.of(START, DEVICE + "/endpointReferences", "\"https://ocs.example.net/done\""),
                Arguments.of(START, DEVICE + "/endpointReferences/1", "42"),
                Arguments.of(START, DEVICE + "/uplinkConfigurations", "{}"),
                Arguments.of(START, UPLINK, "[]"),
                Arguments.of(START, UPLINK + "/remoteAddress", "{}"),
                Arguments.of(START, UPLINK + "/userLevel", "1"),
                Arguments.of(START, UPLINK + "/certPathValidationPolicyAlias", "[\"uplink-roots\"]"),
                Arguments.of(START, DEVICE + "/authorizationServerConfigurations", "null"),
                Arguments.of(START, SERVER, "\"server\""),
                Arguments.of(START, SERVER + "/serverUri", "false"),
                Arguments.of(START, SERVER + "/clientId", "12345"),
                Arguments.of(START, SERVER + "/scope", "null"),
                Arguments.of(START, SERVER + "/scope", "[\"onvif-uplink\"]"),
                Arguments.of(START, SERVER + "/certPathValidationPolicyAlias", "1.5"),
                Arguments.of(START, DEVICE + "/certPathValidationPolicies", "\"uplink-roots\""),
                Arguments.of(START, POLICY, "null"),
                Arguments.of(START, POLICY + "/alias", "true"),
                Arguments.of(START, POLICY + "/trustAnchors", "\"MAA=\""),
                Arguments.of(START, POLICY + "/trustAnchors/1", "{}"),
                Arguments.of(COMPLETED, "/shareToken", "1"),
                Arguments.of(COMPLETED, "/devicePublicKey", "[\"MAA=\"]"),
                Arguments.of(ERROR, "/error", "0"),
                Arguments.of(ERROR, "/error", "[\"Invalid JWT\"]"),
                Arguments.of(FW_REQUEST, "/model", "42"),
                Arguments.of(FW_REQUEST, "/model", "true"),
                Arguments.of(FW_LIST, "/1", "2"),
                Arguments.of(FW_LIST, "/0", "null"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("wrongTypes")
    void rejects_a_member_of_the_wrong_type_without_coercion(String file, String pointer, String value) {
        assertRejected(Golden.with(file, pointer, value), typeOf(file), Reason.WRONG_TYPE, pointer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"startDeviceSharing\"", "null", "42", "true"})
    void rejects_a_document_that_is_not_an_object(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertRejected(bytes, StartDeviceSharing.class, Reason.WRONG_TYPE, "");
        assertRejected(bytes, DeviceSharingCompleted.class, Reason.WRONG_TYPE, "");
        assertRejected(bytes, DeviceSharingError.class, Reason.WRONG_TYPE, "");
        assertRejected(bytes, GetAvailableFWImages.class, Reason.WRONG_TYPE, "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "\"2.1.0\"", "null"})
    void rejects_a_firmware_list_that_is_not_an_array(String body) {
        assertRejected(body.getBytes(StandardCharsets.UTF_8), AvailableFWImages.class, Reason.WRONG_TYPE, "");
    }

    // ---- formats and values

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                // share token: a JWS in compact serialization, not base64
                Arguments.of(START, DEVICE + "/shareToken", "\"QUJD\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30.e30\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30.e30.c2ln.c2ln\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\".e30.c2ln\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30..c2ln\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30.e30.c2l+\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30=.e30.c2ln\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\"e30.e30.c2lnA\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/shareToken", "\" e30.e30.c2ln\"", Reason.INVALID_FORMAT),
                Arguments.of(COMPLETED, "/shareToken", "\"e30 e30 c2ln\"", Reason.INVALID_FORMAT),
                // URIs: absolute, ASCII, with a host
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"/onvif/done\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/1", "\"ocs.example.net/done\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"https://ocs.example.net/a b\"",
                        Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"https://ocs.example.net/\u00e9\"",
                        Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"https://[::1/done\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"\"", Reason.INVALID_FORMAT),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"urn:example:done\"", Reason.INVALID_VALUE),
                Arguments.of(START, DEVICE + "/endpointReferences/0", "\"https:///done\"", Reason.INVALID_VALUE),
                Arguments.of(START, UPLINK + "/remoteAddress", "\"uplink\"", Reason.INVALID_FORMAT),
                Arguments.of(START, UPLINK + "/remoteAddress", "\"mailto:uplink@example.net\"", Reason.INVALID_VALUE),
                Arguments.of(START, SERVER + "/serverUri", "\"/.well-known/openid-configuration\"",
                        Reason.INVALID_FORMAT),
                // enumerations: exact wire values only
                Arguments.of(START, UPLINK + "/userLevel", "\"administrator\"", Reason.INVALID_VALUE),
                Arguments.of(START, UPLINK + "/userLevel", "\"Anonymous\"", Reason.INVALID_VALUE),
                Arguments.of(START, UPLINK + "/userLevel", "\"\"", Reason.INVALID_VALUE),
                Arguments.of(ERROR, "/error", "\"invalid JWT\"", Reason.INVALID_VALUE),
                Arguments.of(ERROR, "/error", "\"INVALID_JWT\"", Reason.INVALID_VALUE),
                Arguments.of(ERROR, "/error", "\"Invalid JWT \"", Reason.INVALID_VALUE),
                // names are not blank
                Arguments.of(START, UPLINK + "/certPathValidationPolicyAlias", "\" \"", Reason.INVALID_VALUE),
                Arguments.of(START, SERVER + "/clientId", "\"\"", Reason.INVALID_VALUE),
                Arguments.of(START, SERVER + "/scope", "\"\"", Reason.INVALID_VALUE),
                Arguments.of(START, SERVER + "/certPathValidationPolicyAlias", "\"\\t\"", Reason.INVALID_VALUE),
                Arguments.of(START, POLICY + "/alias", "\"  \"", Reason.INVALID_VALUE),
                Arguments.of(FW_REQUEST, "/model", "\"\"", Reason.INVALID_VALUE),
                Arguments.of(FW_LIST, "/2", "\" \"", Reason.INVALID_VALUE),
                // lists that need an item
                Arguments.of(START, "/deviceConfigurations", "[]", Reason.INVALID_VALUE),
                Arguments.of(START, DEVICE + "/endpointReferences", "[]", Reason.INVALID_VALUE),
                Arguments.of(START, POLICY + "/trustAnchors", "[]", Reason.INVALID_VALUE),
                // DER values: canonical standard base64 of one DER SEQUENCE
                Arguments.of(START, POLICY + "/trustAnchors/0", "\"MAQEAvv_\"", Reason.INVALID_FORMAT),
                Arguments.of(START, POLICY + "/trustAnchors/1", "\"MAMC\\nAQE=\"", Reason.INVALID_FORMAT),
                Arguments.of(START, POLICY + "/trustAnchors/0", "\"MAMCAQE\"", Reason.INVALID_FORMAT),
                Arguments.of(START, POLICY + "/trustAnchors/0", "\"aGVsbG8gd29ybGQ=\"", Reason.INVALID_FORMAT),
                Arguments.of(START, POLICY + "/trustAnchors/0", "\"MAMCAQEA\"", Reason.INVALID_FORMAT),
                Arguments.of(START, POLICY + "/trustAnchors/0", "\"\"", Reason.INVALID_FORMAT),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"MAQEAvv_\"", Reason.INVALID_FORMAT),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"BAIBAg==\"", Reason.INVALID_FORMAT),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"MIAFAAAA\"", Reason.INVALID_FORMAT));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("invalidValues")
    void rejects_a_value_the_wire_model_does_not_allow(String file, String pointer, String value, Reason reason) {
        assertRejected(Golden.with(file, pointer, value), typeOf(file), reason, pointer);
    }

    @Test
    void accepts_the_values_that_the_rejections_above_are_variants_of() throws WireFormatException {
        json.read(Golden.with(START, DEVICE + "/endpointReferences/0", "\"https://[::1]:8443/done\""),
                StartDeviceSharing.class);
        json.read(Golden.with(START, DEVICE + "/shareToken", "\"e30.e30.\""), StartDeviceSharing.class);
        json.read(Golden.with(START, UPLINK + "/userLevel", "\"User\""), StartDeviceSharing.class);
        json.read(Golden.with(COMPLETED, "/devicePublicKey", "\"MAMCAQE=\""), DeviceSharingCompleted.class);
    }

    // ---- rules between members

    @Test
    void rejects_an_uplink_alias_that_names_no_policy() {
        String pointer = UPLINK + "/certPathValidationPolicyAlias";
        assertRejected(Golden.with(START, pointer, "\"missing\""), StartDeviceSharing.class,
                Reason.UNKNOWN_REFERENCE, pointer);
    }

    @Test
    void rejects_an_authorization_server_alias_that_names_no_policy() {
        String pointer = SERVER + "/certPathValidationPolicyAlias";
        assertRejected(Golden.with(START, pointer, "\"missing\""), StartDeviceSharing.class,
                Reason.UNKNOWN_REFERENCE, pointer);
    }

    @Test
    void rejects_an_alias_that_names_a_policy_of_another_device_configuration() {
        String pointer = "/deviceConfigurations/1/uplinkConfigurations/0/certPathValidationPolicyAlias";
        assertRejected(Golden.with(START, pointer, "\"uplink-roots\""), StartDeviceSharing.class,
                Reason.UNKNOWN_REFERENCE, pointer);
    }

    @Test
    void rejects_a_policy_alias_used_twice() {
        String pointer = POLICY + "/alias";
        assertRejected(Golden.with(START, pointer, "\"uplink-roots\""), StartDeviceSharing.class,
                Reason.DUPLICATE_VALUE, pointer);
    }

    @Test
    void rejects_an_uplink_remote_address_used_twice() {
        String pointer = UPLINK + "/remoteAddress";
        assertRejected(Golden.with(START, pointer, "\"https://uplink.ocs.example.net/uplink\""),
                StartDeviceSharing.class, Reason.DUPLICATE_VALUE, pointer);
    }

    @Test
    void rejects_a_share_token_used_by_two_device_configurations() {
        String pointer = "/deviceConfigurations/1/shareToken";
        assertRejected(Golden.with(START, pointer, "\"" + Fixtures.shareToken(0) + "\""),
                StartDeviceSharing.class, Reason.DUPLICATE_VALUE, pointer);
    }

    @Test
    void accepts_a_device_configuration_without_uplinks_servers_or_policies() throws WireFormatException {
        byte[] body = Golden.edited(START, tree -> {
            var device = (com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/deviceConfigurations/1");
            device.putArray("uplinkConfigurations");
            device.putArray("authorizationServerConfigurations");
            device.putArray("certPathValidationPolicies");
        });

        DeviceConfiguration read = json.read(body, StartDeviceSharing.class).deviceConfigurations().get(1);

        assertThat(read.uplinkConfigurations()).isEmpty();
        assertThat(read.certPathValidationPolicies()).isEmpty();
    }

    // ---- secrets

    @Test
    void does_not_echo_an_unquoted_share_token() {
        String body = "{\"shareToken\": " + Fixtures.shareToken(0) + ", \"devicePublicKey\": \"MAMCAQE=\"}";

        assertRejected(body.getBytes(StandardCharsets.UTF_8), DeviceSharingCompleted.class, Reason.MALFORMED_JSON,
                "/shareToken");
    }

    @Test
    void does_not_echo_a_share_token_with_one_wrong_character() {
        String broken = Fixtures.shareToken(1) + "!";

        WireFormatException e = assertRejected(Golden.with(START, DEVICE + "/shareToken", "\"" + broken + "\""),
                StartDeviceSharing.class, Reason.INVALID_FORMAT, DEVICE + "/shareToken");

        assertThat(e.getMessage()).doesNotContain(broken);
    }

    @Test
    void escapes_member_names_in_pointers() {
        assertRejected("{\"model\": \"CAM\", \"a/b~c\": {\"x\": 1, \"x\": 2}}".getBytes(StandardCharsets.UTF_8),
                GetAvailableFWImages.class, Reason.DUPLICATE_KEY, "/a~1b~0c/x");
    }
}
