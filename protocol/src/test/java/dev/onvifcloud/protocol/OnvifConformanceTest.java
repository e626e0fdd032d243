package dev.onvifcloud.protocol;

import static dev.onvifcloud.protocol.Fixtures.COMPLETED;
import static dev.onvifcloud.protocol.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our messages against ONVIF's own {@code cloudintegration.yaml} (OpenAPI 3.0.4), checked by an
 * independent validator, swagger-request-validator.
 *
 * <p>One known conflict is set aside, and only it: ONVIF declares {@code deviceConfiguration.shareToken}
 * as {@code format: byte} (standard base64), while the specification makes the share token a JWT,
 * whose compact serialization has dots and the base64url alphabet. The validator therefore rejects
 * every real share token there; {@link #onvif_schema_rejects_every_jwt_share_token_of_start_device_sharing}
 * pins that finding down. {@code deviceSharingCompleted.shareToken} is a plain string in the same file.
 */
class OnvifConformanceTest {

    private static final String FORMAT_BYTE = "validation.request.body.schema.format.byte";
    private static final Pattern DEVICE_SHARE_TOKEN = Pattern.compile("/deviceConfigurations/\\d+/shareToken");

    private static OpenApiInteractionValidator onvif;

    @BeforeAll
    static void loadOnvifsFile() {
        onvif = ApiMessage.validatorFor(
                OpenApiInteractionValidator.createForSpecificationUrl(SpecFiles.onvifOpenApi().toString()));
    }

    private static String pointerOf(Message message) {
        return message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse("");
    }

    private static boolean isShareTokenFormatConflict(Message message) {
        return message.getKey().equals(FORMAT_BYTE) && DEVICE_SHARE_TOKEN.matcher(pointerOf(message)).matches();
    }

    /** The validator's errors, less the share token format conflict. */
    private static List<Message> errors(ApiMessage message) {
        return message.validateWith(onvif).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !isShareTokenFormatConflict(m))
                .toList();
    }

    static Stream<ApiMessage> messages() {
        return ApiMessage.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void every_golden_and_written_message_conforms_to_onvifs_file(ApiMessage message) {
        assertThat(errors(message)).as(message.label()).isEmpty();
    }

    @Test
    void onvif_schema_rejects_every_jwt_share_token_of_start_device_sharing() {
        List<Message> messages = ApiMessage.golden(START).validateWith(onvif).getMessages();

        assertThat(messages).extracting(Message::getKey).containsOnly(FORMAT_BYTE);
        assertThat(messages).extracting(OnvifConformanceTest::pointerOf)
                .containsExactlyInAnyOrder("/deviceConfigurations/0/shareToken", "/deviceConfigurations/1/shareToken");
    }

    @Test
    void onvif_schema_accepts_the_same_jwt_share_token_in_device_sharing_completed() {
        assertThat(ApiMessage.golden(COMPLETED).validateWith(onvif).getMessages()).isEmpty();
    }

    @Test
    void onvif_schema_accepts_a_share_token_that_happens_to_be_standard_base64_which_is_no_jws() throws Exception {
        byte[] body = Golden.with(START, "/deviceConfigurations/0/shareToken", "\"QUJD\"");

        List<Message> messages = ApiMessage.of(START, body).validateWith(onvif).getMessages();

        assertThat(messages).extracting(OnvifConformanceTest::pointerOf)
                .containsExactly("/deviceConfigurations/1/shareToken");
        Rejections.assertRejected(body, StartDeviceSharing.class, Reason.INVALID_FORMAT,
                "/deviceConfigurations/0/shareToken");
    }

    // ---- the validator rejects what it must, so these tests can fail

    static Stream<Arguments> requiredMembers() {
        return JsonRejectionTest.requiredMembers()
                .filter(arguments -> !arguments.get()[1].equals("/model")); // optional in ONVIF's file
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requiredMembers")
    void onvif_schema_rejects_a_message_missing_a_required_member(String file, String pointer) {
        List<Message> errors = errors(ApiMessage.of(file, Golden.without(file, pointer)));

        assertThat(errors).extracting(Message::getKey).anyMatch(key -> key.endsWith(".schema.required"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("dev.onvifcloud.protocol.JsonRejectionTest#wrongTypes")
    void onvif_schema_rejects_a_member_of_the_wrong_type(String file, String pointer, String value) {
        assertThat(errors(ApiMessage.of(file, Golden.with(file, pointer, value)))).isNotEmpty();
    }

    static Stream<Arguments> invalidForOnvifToo() {
        return Stream.of(
                Arguments.of(START, "/deviceConfigurations/0/uplinkConfigurations/1/userLevel", "\"Anonymous\""),
                Arguments.of(START, "/deviceConfigurations/0/uplinkConfigurations/1/userLevel", "\"administrator\""),
                Arguments.of("deviceSharingError-invalid-jwt.json", "/error", "\"invalid JWT\""),
                Arguments.of(START, "/deviceConfigurations/0/certPathValidationPolicies/0/trustAnchors/0",
                        "\"MAQEAvv_\""),
                Arguments.of(START, "/deviceConfigurations/0/certPathValidationPolicies/0/trustAnchors/0",
                        "\"MAMC\\nAQE=\""),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"MAQEAvv_\""),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"MAMCAQE\""),
                Arguments.of(START, "/deviceConfigurations/0/endpointReferences/0", "\"https://ocs.example.net/a b\""));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("invalidForOnvifToo")
    void onvif_schema_rejects_a_value_our_codec_rejects_too(String file, String pointer, String value) {
        byte[] body = Golden.with(file, pointer, value);

        assertThat(errors(ApiMessage.of(file, body))).isNotEmpty();
        assertThat(catchThrowableOfType(WireFormatException.class,
                () -> new Json(JsonLimits.defaults()).read(body, typeOf(file)))).isNotNull();
    }

    // ---- where our codec is deliberately stricter than ONVIF's file

    static Stream<Arguments> stricterThanOnvif() {
        String device = "/deviceConfigurations/0";
        return Stream.of(
                Arguments.of("getAvailableFWImages.json", "/model", null, Reason.MISSING_FIELD),
                Arguments.of(COMPLETED, "/shareToken", "\"not a token\"", Reason.INVALID_FORMAT),
                Arguments.of(START, device + "/endpointReferences/0", "\"/onvif/done\"", Reason.INVALID_FORMAT),
                Arguments.of(START, device + "/authorizationServerConfigurations/0/serverUri", "\"auth\"",
                        Reason.INVALID_FORMAT),
                Arguments.of(START, device + "/uplinkConfigurations/0/remoteAddress", "\"urn:example:uplink\"",
                        Reason.INVALID_VALUE),
                Arguments.of(START, device + "/authorizationServerConfigurations/0/clientId", "\"\"",
                        Reason.INVALID_VALUE),
                Arguments.of(START, "/deviceConfigurations", "[]", Reason.INVALID_VALUE),
                Arguments.of(START, device + "/endpointReferences", "[]", Reason.INVALID_VALUE),
                Arguments.of(START, device + "/certPathValidationPolicies/0/trustAnchors", "[]", Reason.INVALID_VALUE),
                Arguments.of(START, device + "/certPathValidationPolicies/0/trustAnchors/0", "\"aGVsbG8gd29ybGQ=\"",
                        Reason.INVALID_FORMAT),
                Arguments.of(START, device + "/uplinkConfigurations/0/certPathValidationPolicyAlias", "\"missing\"",
                        Reason.UNKNOWN_REFERENCE),
                Arguments.of(START, device + "/certPathValidationPolicies/1/alias", "\"uplink-roots\"",
                        Reason.DUPLICATE_VALUE));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("stricterThanOnvif")
    void our_codec_rejects_what_onvifs_file_allows(String file, String pointer, String value, Reason reason) {
        byte[] body = value == null ? Golden.without(file, pointer) : Golden.with(file, pointer, value);

        assertThat(errors(ApiMessage.of(file, body))).as("ONVIF's file allows it").isEmpty();
        Rejections.assertRejected(body, typeOf(file), reason, pointer);
    }

    private static Class<? extends WireMessage> typeOf(String file) {
        if (file.startsWith("startDeviceSharing")) {
            return StartDeviceSharing.class;
        } else if (file.startsWith("deviceSharingCompleted")) {
            return DeviceSharingCompleted.class;
        } else if (file.startsWith("deviceSharingError")) {
            return DeviceSharingError.class;
        } else if (file.startsWith("getAvailableFWImages")) {
            return GetAvailableFWImages.class;
        }
        return AvailableFWImages.class;
    }
}
