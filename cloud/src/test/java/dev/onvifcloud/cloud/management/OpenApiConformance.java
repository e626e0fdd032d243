package dev.onvifcloud.cloud.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import dev.onvifcloud.protocol.OpenApiDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a real answer (or a request we send) against our OpenAPI document, with two validators:
 * swagger-request-validator (the path, the status is one the operation declares, the media type, required headers and
 * members; it ignores {@code type} in OpenAPI 3.1) and networknt json-schema-validator (a JSON body against the
 * declared schema, JSON Schema 2020-12 with format assertions). A third check finds members the document does not
 * declare, which neither validator reports since the schemas leave objects open. A body of another media type (SOAP)
 * is checked for its media type and for being there, not for its content.
 */
public final class OpenApiConformance {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(OpenApiDocument.yaml()).build();
    private static final JsonNode DOCUMENT = readDocument();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_POINTER)
                    .build()));

    private OpenApiConformance() {
    }

    /** The response has the expected status and conforms to the operation of {@code template} in our document. */
    public static void assertConforms(String template, int status, HttpResponse<String> response) {
        String method = response.request().method();
        assertThat(response.statusCode()).as(method + " " + response.uri().getPath() + ": " + response.body())
                .isEqualTo(status);
        Map<String, List<String>> headers = response.headers().map();
        assertThat(problems(template, method, status, response.body(), headers))
                .as(method + " " + template + " " + status + ": " + response.body()).isEmpty();
    }

    /** What is wrong with a JSON answer, if anything. */
    public static List<String> problems(String template, String method, int status, String body) {
        return problems(template, method, status, body, Map.of("content-type", List.of("application/json")));
    }

    /** What is wrong with an answer, if anything. */
    public static List<String> problems(String template, String method, int status, String body,
            Map<String, List<String>> headers) {
        List<String> problems = new ArrayList<>();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (!body.isEmpty()) {
            response.withBody(body);
        }
        report(VALIDATOR.validateResponse(concrete(template), Request.Method.valueOf(method), response.build()),
                problems);
        JsonNode declared = resolve(DOCUMENT.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
                .path("responses").path(Integer.toString(status)));
        if (declared.isMissingNode()) {
            problems.add("status " + status + " is not declared");
        } else if (declared.has("content")) {
            Optional<String> type = mediaType(headers);
            JsonNode media = type.map(declared.get("content")::path).orElse(null);
            if (media == null || media.isMissingNode()) {
                problems.add("media type " + type.orElse("(none)") + " is not declared");
            } else if (type.get().endsWith("json")) {
                checkJson(media.path("schema"), parse(body), problems);
            } else if (body.isEmpty()) {
                problems.add("no body where the document declares one");
            }
        } else if (!body.isEmpty()) {
            problems.add("a body where the document declares none");
        }
        return problems;
    }

    /** A request we send conforms to the operation of {@code template}: its parameters, media type and body. */
    public static void assertRequestConforms(String template, String method, String contentType, String body) {
        assertThat(requestProblems(template, method, contentType, body))
                .as(method + " " + template + " request: " + body).isEmpty();
    }

    /** What is wrong with a request, if anything. */
    public static List<String> requestProblems(String template, String method, String contentType, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, concrete(template))
                .withContentType(contentType).withBody(body);
        if (template.startsWith("/api/v1/")) {
            request.withAuthorization("Bearer ock_0123456789abcdef_key");
        }
        List<String> problems = new ArrayList<>();
        report(VALIDATOR.validateRequest(request.build()), problems);
        JsonNode media = DOCUMENT.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
                .path("requestBody").path("content").path(contentType);
        if (media.isMissingNode()) {
            problems.add("request media type " + contentType + " is not declared");
        } else if (contentType.endsWith("json")) {
            checkJson(media.path("schema"), parse(body), problems);
        }
        return problems;
    }

    private static void checkJson(JsonNode schema, JsonNode tree, List<String> problems) {
        ObjectNode root = schema.deepCopy();
        root.set("components", DOCUMENT.get("components"));
        SCHEMAS.getSchema(root).validate(tree).stream().map(Error::toString).forEach(problems::add);
        undeclaredMembers(schema, tree, "", problems);
    }

    private static void report(ValidationReport report, List<String> problems) {
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> problems.add(message.getKey() + ": " + message.getMessage()));
    }

    /** A path of the template, with a valid value in each parameter. */
    private static String concrete(String template) {
        return template.replace("{serial}", "SN-1").replace("{jti}", "jti-1")
                .replace("{id}", UUID.randomUUID().toString())
                .replace("{operationId}", UUID.randomUUID().toString())
                .replace("{service}", "device");
    }

    private static Optional<String> mediaType(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("content-type"))
                .flatMap(header -> header.getValue().stream())
                .findFirst()
                .map(value -> value.split(";")[0].trim().toLowerCase(Locale.ROOT));
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String[] ref = current.get("$ref").asText().split("/");
            current = DOCUMENT.path(ref[1]).path(ref[2]).path(ref[3]);
        }
        return current;
    }

    /** Members of {@code value} that its schema does not declare (objects are open in the document). */
    private static void undeclaredMembers(JsonNode schemaNode, JsonNode value, String pointer, List<String> found) {
        JsonNode schema = resolve(schemaNode);
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> members = value.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                JsonNode declared = schema.path("properties").path(member.getKey());
                if (declared.isMissingNode()) {
                    found.add("undeclared member " + pointer + "/" + member.getKey());
                } else {
                    undeclaredMembers(declared, member.getValue(), pointer + "/" + member.getKey(), found);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                undeclaredMembers(schema.get("items"), value.get(i), pointer + "/" + i, found);
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readDocument() {
        try {
            return new YAMLMapper().readTree(OpenApiDocument.yaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
