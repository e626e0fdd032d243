package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our OpenAPI 3.1 document, read by swagger-parser: well formed, the same operations, members, types
 * and enumerations as ONVIF's file, and bounded by the codec's default limits.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-models hands out raw Schema types
class OpenApiDocumentTest {

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
    void describes_the_operations_of_onvifs_file_with_the_same_responses() {
        assertThat(ours.getPaths().keySet()).isEqualTo(onvifs.getPaths().keySet())
                .containsExactlyInAnyOrder("/startDeviceSharing", "/deviceSharingCompleted", "/getAvailableFWImages");
        for (Map.Entry<String, PathItem> path : onvifs.getPaths().entrySet()) {
            PathItem our = ours.getPaths().get(path.getKey());
            assertThat(our.readOperations()).as(path.getKey()).hasSize(1);
            assertThat(our.getPost()).as(path.getKey()).isNotNull();
            assertThat(our.getPost().getRequestBody().getRequired()).as(path.getKey()).isTrue();
            assertThat(our.getPost().getResponses().keySet()).as(path.getKey())
                    .isEqualTo(path.getValue().getPost().getResponses().keySet());
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
        for (Map.Entry<String, Schema> entry : ours.getComponents().getSchemas().entrySet()) {
            collectUnbounded(entry.getKey(), entry.getValue(), limits, unbounded);
        }

        assertThat(unbounded).isEmpty();
    }

    @Test
    void is_served_from_the_class_path_once() {
        assertThat(OpenApiDocument.yaml()).isSameAs(OpenApiDocument.yaml()).contains("/startDeviceSharing:");
    }

    // ----

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
            if (!Integer.valueOf(limits.maxArrayItems()).equals(schema.getMaxItems())) {
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
