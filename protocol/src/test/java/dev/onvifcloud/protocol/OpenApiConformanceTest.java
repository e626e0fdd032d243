package dev.onvifcloud.protocol;

import static dev.onvifcloud.protocol.Fixtures.COMPLETED;
import static dev.onvifcloud.protocol.Fixtures.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our messages against our own OpenAPI 3.1 document, with two independent validators:
 * swagger-request-validator, which reads OpenAPI 3.1 only in part (it enforces {@code required},
 * {@code enum}, {@code pattern}, lengths and counts, but silently ignores {@code type}), and
 * networknt json-schema-validator with its OpenAPI 3.1 dialect (JSON Schema 2020-12, format assertions
 * on), which checks each body against the component schema of its exchange.
 */
class OpenApiConformanceTest {

    private static OpenApiInteractionValidator requestValidator;
    private static SchemaRegistry schemaRegistry;
    private static JsonNode components;

    @BeforeAll
    static void loadOurDocument() throws IOException {
        requestValidator = ApiMessage.validatorFor(
                OpenApiInteractionValidator.createForInlineApiSpecification(OpenApiDocument.yaml()));
        components = new YAMLMapper().readTree(OpenApiDocument.yaml()).get("components");
        schemaRegistry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), registry ->
                registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .pathType(PathType.JSON_POINTER)
                        .build()));
    }

    private static List<ValidationReport.Message> requestValidatorErrors(ApiMessage message) {
        return message.validateWith(requestValidator).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
    }

    private static List<String> schemaErrors(ApiMessage message) {
        ObjectNode document = Golden.MAPPER.createObjectNode();
        document.put("$ref", "#/components/schemas/" + message.schema());
        document.set("components", components);
        Schema schema = schemaRegistry.getSchema(document);
        try {
            return schema.validate(Golden.MAPPER.readTree(message.body())).stream()
                    .map(Error::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<ApiMessage> messages() {
        return ApiMessage.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void every_golden_and_written_message_conforms_for_the_request_validator(ApiMessage message) {
        assertThat(requestValidatorErrors(message)).as(message.label()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void every_golden_and_written_message_conforms_for_the_json_schema_validator(ApiMessage message) {
        assertThat(schemaErrors(message)).as(message.label()).isEmpty();
    }

    // ---- both validators reject what they must, so these tests can fail

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.onvifcloud.protocol.JsonRejectionTest#requiredMembers")
    void both_validators_reject_a_message_missing_a_required_member(String file, String pointer) {
        ApiMessage message = ApiMessage.of(file, Golden.without(file, pointer));

        assertThat(requestValidatorErrors(message)).extracting(ValidationReport.Message::getKey)
                .anyMatch(key -> key.endsWith(".schema.required"));
        assertThat(schemaErrors(message)).anyMatch(error -> error.contains("required"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("dev.onvifcloud.protocol.JsonRejectionTest#wrongTypes")
    void the_json_schema_validator_rejects_a_member_of_the_wrong_type(String file, String pointer, String value) {
        assertThat(schemaErrors(ApiMessage.of(file, Golden.with(file, pointer, value)))).isNotEmpty();
    }

    @Test
    void the_request_validator_does_not_check_types_in_an_openapi_3_1_document() {
        ApiMessage numberAsModel = ApiMessage.of("getAvailableFWImages.json", "{\"model\":42}".getBytes());

        assertThat(requestValidatorErrors(numberAsModel)).isEmpty();
        assertThat(schemaErrors(numberAsModel)).isNotEmpty();
    }

    /** Values our codec rejects that the document expresses too: both validators must reject them. */
    static Stream<Arguments> invalidValues() {
        String device = "/deviceConfigurations/0";
        String uplink = device + "/uplinkConfigurations/1";
        String policy = device + "/certPathValidationPolicies/1";
        return Stream.of(
                Arguments.of(START, device + "/shareToken", "\"QUJD\""),
                Arguments.of(START, device + "/shareToken", "\"e30.e30.c2ln.c2ln\""),
                Arguments.of(COMPLETED, "/shareToken", "\"e30 e30 c2ln\""),
                Arguments.of(START, uplink + "/userLevel", "\"Anonymous\""),
                Arguments.of("deviceSharingError-invalid-jwt.json", "/error", "\"invalid JWT\""),
                Arguments.of(START, uplink + "/certPathValidationPolicyAlias", "\"\""),
                Arguments.of(START, device + "/authorizationServerConfigurations/0/clientId", "\"\""),
                Arguments.of(START, device + "/authorizationServerConfigurations/0/scope", "\"\""),
                Arguments.of(START, policy + "/alias", "\"\""),
                Arguments.of("getAvailableFWImages.json", "/model", "\"\""),
                Arguments.of("availableFWImages.json", "/0", "\"\""),
                Arguments.of(START, "/deviceConfigurations", "[]"),
                Arguments.of(START, device + "/endpointReferences", "[]"),
                Arguments.of(START, policy + "/trustAnchors", "[]"),
                Arguments.of(START, policy + "/trustAnchors/0", "\"MAQEAvv_\""),
                Arguments.of(START, policy + "/trustAnchors/0", "\"MAMCAQE\""),
                Arguments.of(COMPLETED, "/devicePublicKey", "\"MAMC\\nAQE=\""),
                Arguments.of(START, device + "/endpointReferences/0", "\"https://ocs.example.net/a b\""),
                Arguments.of(START, device + "/shareToken", "\"e30.e30." + "A".repeat(16_384 - 6) + "\""),
                Arguments.of(START, device + "/endpointReferences", endpoints(257)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidValues")
    void both_validators_reject_a_value_our_codec_rejects(String file, String pointer, String value) {
        byte[] body = Golden.with(file, pointer, value);
        ApiMessage message = ApiMessage.of(file, body);

        assertThat(catchThrowableOfType(WireFormatException.class,
                () -> new Json(JsonLimits.defaults()).read(body, typeOf(file)))).as("codec").isNotNull();
        assertThat(requestValidatorErrors(message)).as("request validator").isNotEmpty();
        assertThat(schemaErrors(message)).as("JSON Schema validator").isNotEmpty();
    }

    /** JSON Schema 2020-12 with format assertions reads {@code format: uri} as an absolute URI. */
    @Test
    void the_json_schema_validator_rejects_a_relative_uri_as_the_codec_does() {
        String pointer = "/deviceConfigurations/0/endpointReferences/0";
        ApiMessage message = ApiMessage.of(START, Golden.with(START, pointer, "\"/onvif/done\""));

        assertThat(schemaErrors(message)).singleElement().asString().contains(pointer);
        Rejections.assertRejected(message.body(), StartDeviceSharing.class, WireFormatException.Reason.INVALID_FORMAT,
                pointer);
    }

    private static String endpoints(int count) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            array.append(i == 0 ? "" : ",").append("\"https://ocs").append(i).append(".example.net/done\"");
        }
        return array.append(']').toString();
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
