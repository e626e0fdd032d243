package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our OpenAPI 3.1 document, read by swagger-parser: well formed; ONVIF's operations with the same members,
 * types and enumerations as ONVIF's file, bounded by the codec's default limits; our own APIs beside them,
 * under {@code /api/v1}, {@code /.well-known} or {@code /oauth2} only, with their authentication and problem body.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-models hands out raw Schema types
class OpenApiDocumentTest {

    private static final String PASS_THROUGH = "/api/v1/cameras/{id}/onvif/{service}";

    private static OpenAPI ours;
    private static OpenAPI onvifs;

    @BeforeAll
    static void parseBoth() {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(OpenApiDocument.yaml(), null, new ParseOptions());
        assertThat(result.getMessages()).as("swagger-parser messages for our document").isEmpty();
        ours = result.getOpenAPI();
        SwaggerParseResult onvif =
                new OpenAPIV3Parser().readLocation(SpecFiles.onvifOpenApi().toString(), null, new ParseOptions());
        onvifs = onvif.getOpenAPI();
    }

    @Test
    void is_an_openapi_3_1_document() {
        assertThat(OpenApiDocument.yaml()).startsWith("openapi: 3.1.0\n");
        assertThat(ours.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(ours.getOpenapi()).isEqualTo("3.1.0");
        assertThat(ours.getInfo().getVersion()).isEqualTo("25.12");
    }

    @Test
    void describes_the_operations_of_onvifs_file_with_the_same_responses_and_no_authentication() {
        assertThat(onvifs.getPaths().keySet())
                .containsExactlyInAnyOrder("/startDeviceSharing", "/deviceSharingCompleted", "/getAvailableFWImages");
        assertThat(ours.getPaths().keySet()).containsAll(onvifs.getPaths().keySet());
        assertThat(ours.getSecurity()).as("no authentication unless an operation asks for it").isNullOrEmpty();
        for (Map.Entry<String, PathItem> path : onvifs.getPaths().entrySet()) {
            PathItem our = ours.getPaths().get(path.getKey());
            assertThat(our.readOperations()).as(path.getKey()).hasSize(1);
            assertThat(our.getPost()).as(path.getKey()).isNotNull();
            assertThat(our.getPost().getSecurity()).as(path.getKey()).isNull();
            assertThat(our.getPost().getRequestBody().getRequired()).as(path.getKey()).isTrue();
            Set<String> expected = new TreeSet<>(path.getValue().getPost().getResponses().keySet());
            if (path.getKey().equals("/deviceSharingCompleted")) {
                expected.add("400"); // the one addition; see the next test
            }
            assertThat(new TreeSet<>(our.getPost().getResponses().keySet())).as(path.getKey()).isEqualTo(expected);
        }
    }

    /**
     * ONVIF's file declares only 200 for deviceSharingCompleted and its text "no command specific faults"; the
     * Operational Cloud Service answers every refusal 400 with ONVIF's own error body, as startDeviceSharing does.
     */
    @Test
    void adds_to_device_sharing_completed_only_the_400_with_onvifs_error_body() {
        ApiResponse theirs = onvifs.getPaths().get("/deviceSharingCompleted").getPost().getResponses().get("400");
        ApiResponse refused = response(ours.getPaths().get("/deviceSharingCompleted").getPost().getResponses()
                .get("400"));

        assertThat(theirs).isNull();
        assertThat(refused.getContent()).containsOnlyKeys("application/json");
        assertThat(refused.getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/deviceSharingError");
        assertThat(refused.getDescription()).startsWith("Invalid Argument Value").contains("Invalid configuration");
    }

    @Test
    void puts_every_path_of_our_own_under_api_v1_well_known_or_oauth2() {
        Set<String> own = new TreeSet<>(ours.getPaths().keySet());
        own.removeAll(onvifs.getPaths().keySet());

        assertThat(own).isNotEmpty().allSatisfy(path -> assertThat(path)
                .matches("/(api/v1|\\.well-known|oauth2)/.+"));
    }

    @Test
    void requires_the_bearer_api_key_for_every_operation_under_api_v1() {
        SecurityScheme apiKey = ours.getComponents().getSecuritySchemes().get("apiKey");
        assertThat(apiKey.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(apiKey.getScheme()).isEqualTo("bearer");
        List<String> operations = new ArrayList<>();
        ours.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.readOperationsMap().forEach((method, operation) -> {
                    operations.add(method + " " + path);
                    assertThat(operation.getSecurity()).as(method + " " + path)
                            .containsExactly(new SecurityRequirement().addList("apiKey"));
                    assertThat(operation.getResponses()).as(method + " " + path).containsKey("401");
                });
            }
        });
        assertThat(operations).containsExactlyInAnyOrder(
                "GET /api/v1/devices",
                "POST /api/v1/devices/{serial}/claim",
                "POST /api/v1/devices/{serial}/share-tokens",
                "GET /api/v1/devices/{serial}/share-tokens",
                "DELETE /api/v1/share-tokens/{jti}",
                "GET /api/v1/devices/{serial}/shares",
                "DELETE /api/v1/devices/{serial}/shares/{operationId}",
                "GET /api/v1/notifications/dead-letters",
                "POST /api/v1/notifications/{id}/replay",
                "GET /api/v1/audit",
                "POST /api/v1/cameras",
                "GET /api/v1/cameras",
                "GET /api/v1/cameras/{id}",
                "DELETE /api/v1/cameras/{id}",
                "POST /api/v1/cameras/{id}/onvif/{service}");
    }

    @Test
    void needs_no_api_key_for_the_authorization_server_and_the_public_keys() {
        List<String> open = new ArrayList<>();
        ours.getPaths().forEach((path, item) -> {
            if (path.startsWith("/.well-known/") || path.startsWith("/oauth2/")) {
                item.readOperationsMap().forEach((method, operation) -> {
                    open.add(method + " " + path);
                    assertThat(operation.getSecurity()).as(method + " " + path).isEmpty();
                });
            }
        });

        assertThat(open).containsExactlyInAnyOrder(
                "GET /.well-known/jwks.json",
                "GET /.well-known/oauth-authorization-server",
                "GET /.well-known/openid-configuration",
                "GET /oauth2/jwks.json",
                "POST /oauth2/token");
    }

    @Test
    void answers_every_refusal_of_our_own_apis_with_the_problem_body() {
        Schema problem = schema("problem");
        assertThat(problem.getProperties()).containsOnlyKeys("error", "field", "parameter");
        assertThat(problem.getRequired()).containsExactly("error");
        ours.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            item.readOperationsMap().forEach((method, operation) -> operation.getResponses().forEach((status, r) -> {
                ApiResponse response = response(r);
                String where = method + " " + path + " " + status;
                if (path.equals(PASS_THROUGH) && List.of("200", "400", "500").contains(status)) {
                    assertThat(response.getContent()).as(where + ": the camera's own answer")
                            .containsOnlyKeys("application/soap+xml");
                } else if (!status.startsWith("2")) {
                    assertThat(response.getContent()).as(where).containsOnlyKeys("application/json");
                    assertThat(response.getContent().get("application/json").getSchema().get$ref())
                            .as(where).isEqualTo("#/components/schemas/problem");
                }
            }));
        });
    }

    @Test
    void passes_soap_envelopes_through_to_the_camera_both_ways() {
        io.swagger.v3.oas.models.Operation call = ours.getPaths().get(PASS_THROUGH).getPost();

        assertThat(call.getRequestBody().getContent()).containsOnlyKeys("application/soap+xml");
        assertThat(call.getResponses().get("200").getContent()).containsOnlyKeys("application/soap+xml");
        assertThat(ours.getPaths().get(PASS_THROUGH).getParameters()).filteredOn(parameter -> "service".equals(parameter.getName())).singleElement()
                .satisfies(parameter -> assertThat(parameter.getSchema().getEnum())
                        .containsExactly("device", "advanced-security", "uplink", "events"));
    }

    @Test
    void answers_the_token_endpoint_with_rfc_6749_bodies_kept_out_of_caches() {
        io.swagger.v3.oas.models.Operation token = ours.getPaths().get("/oauth2/token").getPost();

        assertThat(token.getRequestBody().getContent()).containsOnlyKeys("application/x-www-form-urlencoded");
        assertThat(token.getResponses()).containsOnlyKeys("200", "400", "401", "429");
        token.getResponses().forEach((status, response) -> {
            assertThat(response.getHeaders()).as(status).containsKeys("Cache-Control", "Pragma");
            assertThat(response.getContent().get("application/json").getSchema().get$ref()).as(status)
                    .isEqualTo(status.equals("200") ? "#/components/schemas/accessTokenResponse"
                            : "#/components/schemas/tokenError");
        });
        assertThat(token.getResponses().get("429").getHeaders().get("Retry-After").getRequired()).isTrue();
        assertThat(ours.getComponents().getHeaders().get("noStore").getSchema().getEnum()).containsExactly("no-store");
        assertThat(propertyOf("tokenError", "error").getEnum()).containsExactlyInAnyOrder("invalid_request",
                "invalid_client", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "slow_down");
    }

    @Test
    void refuses_unknown_members_in_the_management_request_bodies_unlike_onvifs_operations() {
        for (String name : List.of("claim", "shareTokenRequest", "addCameras")) {
            Object additional = schema(name).getAdditionalProperties();
            assertThat(additional).as(name).isInstanceOf(Schema.class);
            assertThat(((Schema) additional).getBooleanSchemaValue()).as(name).isFalse();
        }
        for (String name : cloudIntegrationSchemas()) {
            assertThat(schema(name).getAdditionalProperties()).as(name).isNull();
        }
    }

    @Test
    void has_every_schema_of_onvifs_file_with_the_same_members_types_and_enumerations() {
        Map<String, Schema> theirs = onvifs.getComponents().getSchemas();
        for (Map.Entry<String, Schema> entry : theirs.entrySet()) {
            String name = entry.getKey();
            Schema their = entry.getValue();
            Schema our = ours.getComponents().getSchemas().get(name);
            assertThat(our).as(name).isNotNull();
            assertSameShape(name, resolve(onvifs, their), resolve(ours, our));
        }
    }

    @Test
    void describes_the_inline_firmware_schemas_of_onvifs_file_as_components() {
        Schema theirRequest = onvifs.getPaths().get("/getAvailableFWImages").getPost().getRequestBody()
                .getContent().get("application/json").getSchema();
        Schema theirList = onvifs.getPaths().get("/getAvailableFWImages").getPost().getResponses().get("200")
                .getContent().get("application/json").getSchema();

        assertSameShape("getAvailableFWImages", theirRequest, schema("getAvailableFWImages"));
        assertSameShape("availableFWImages", theirList, schema("availableFWImages"));
    }

    @Test
    void requires_model_which_onvifs_file_leaves_optional() {
        assertThat(schema("getAvailableFWImages").getRequired()).containsExactly("model");
    }

    @Test
    void writes_der_values_as_base64_content_and_the_share_token_as_a_compact_jws() {
        assertThat(schema("base64DerEncodedAsn1Value").getContentEncoding()).isEqualTo("base64");
        assertThat(schema("shareToken").getPattern()).isEqualTo("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$");
        assertThat(propertyOf("deviceConfiguration", "shareToken").get$ref()).endsWith("/shareToken");
        assertThat(propertyOf("deviceSharingCompleted", "shareToken").get$ref()).endsWith("/shareToken");
    }

    @Test
    void bounds_every_string_and_array_with_the_codec_defaults() {
        JsonLimits limits = JsonLimits.defaults();
        List<String> unbounded = new ArrayList<>();
        for (String name : cloudIntegrationSchemas()) {
            collectUnbounded(name, schema(name), limits, unbounded);
        }

        assertThat(cloudIntegrationSchemas()).contains("startDeviceSharing", "deviceConfiguration", "shareToken",
                "deviceSharingError", "availableFWImages").doesNotContain("problem", "claim");
        assertThat(unbounded).isEmpty();
    }

    @Test
    void is_served_from_the_class_path_once() {
        assertThat(OpenApiDocument.yaml()).isSameAs(OpenApiDocument.yaml()).contains("/startDeviceSharing:");
    }

    // ----

    /** The component schemas ONVIF's three operations use, directly or through other components. */
    private static Set<String> cloudIntegrationSchemas() {
        JsonNode document;
        try {
            document = new YAMLMapper().readTree(OpenApiDocument.yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        onvifs.getPaths().keySet().forEach(path -> todo.add(document.path("paths").path(path)));
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.has("$ref")) {
                String[] ref = node.get("$ref").asText().split("/");
                if (ref[2].equals("schemas") && names.add(ref[3]) || ref[2].equals("responses")) {
                    todo.add(document.path("components").path(ref[2]).path(ref[3]));
                }
            }
            node.elements().forEachRemaining(todo::add);
        }
        return names;
    }

    /** A response, or the component it refers to. */
    private static ApiResponse response(ApiResponse response) {
        String ref = response.get$ref();
        return ref == null ? response
                : ours.getComponents().getResponses().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static Schema schema(String name) {
        return ours.getComponents().getSchemas().get(name);
    }

    private static Schema propertyOf(String schema, String property) {
        return (Schema) schema(schema).getProperties().get(property);
    }

    /** Follows a local {@code $ref}. */
    private static Schema resolve(OpenAPI api, Schema schema) {
        Schema current = schema;
        while (current.get$ref() != null) {
            String ref = current.get$ref();
            current = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return current;
    }

    /** The JSON type: 3.1 keeps it in {@code types}, 3.0 in {@code type}. */
    private static String typeOf(Schema schema) {
        if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
            assertThat(schema.getTypes()).hasSize(1);
            return (String) schema.getTypes().iterator().next();
        }
        return schema.getType();
    }

    private void assertSameShape(String where, Schema their, Schema our) {
        OpenAPI theirApi = onvifs;
        assertThat(typeOf(our)).as(where + " type").isEqualTo(typeOf(their));
        assertThat(our.getEnum()).as(where + " enum").isEqualTo(their.getEnum());
        if (their.getItems() != null) {
            assertSameShape(where + "[]", resolve(theirApi, their.getItems()), resolve(ours, our.getItems()));
        }
        if (their.getProperties() != null) {
            assertThat(new TreeSet<>(our.getProperties().keySet())).as(where + " properties")
                    .isEqualTo(new TreeSet<>(their.getProperties().keySet()));
            Set<String> theirRequired = their.getRequired() == null ? Set.of() : Set.copyOf(their.getRequired());
            assertThat(our.getRequired()).as(where + " required").containsAll(theirRequired);
            Map<String, Schema> theirProperties = their.getProperties();
            for (Map.Entry<String, Schema> property : theirProperties.entrySet()) {
                Schema ourProperty = (Schema) our.getProperties().get(property.getKey());
                assertSameShape(where + "." + property.getKey(),
                        resolve(theirApi, property.getValue()), resolve(ours, ourProperty));
            }
        }
    }

    private static void collectUnbounded(String where, Schema schema, JsonLimits limits, List<String> unbounded) {
        if (schema.get$ref() != null) {
            return; // checked where it is defined
        }
        String type = typeOf(schema);
        if ("string".equals(type) && schema.getEnum() == null
                && !Integer.valueOf(limits.maxStringLength()).equals(schema.getMaxLength())) {
            unbounded.add(where + " maxLength " + schema.getMaxLength());
        }
        if ("array".equals(type)) {
            int maxItems = where.equals("startDeviceSharing.deviceConfigurations")
                    ? JsonLimits.startDeviceSharing().maxArrayItems() : limits.maxArrayItems();
            if (!Integer.valueOf(maxItems).equals(schema.getMaxItems())) {
                unbounded.add(where + " maxItems " + schema.getMaxItems());
            }
            collectUnbounded(where + "[]", schema.getItems(), limits, unbounded);
        }
        if (schema.getProperties() != null) {
            Map<String, Schema> properties = schema.getProperties();
            properties.forEach((name, property) -> collectUnbounded(where + "." + name, property, limits, unbounded));
        }
    }
}
