package dev.onvifcloud.cloud.management;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.cloud.management.ManagementProblem.Refused;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The management API's JSON: request bodies read once at the edge, as one object of known members (duplicates,
 * unknown members, deep nesting and long texts refused with the member's JSON pointer), and responses written.
 */
public final class ManagementJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(8)
                    .maxStringLength(8 * 1024)
                    .maxNumberLength(32)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode object;

    private ManagementJson(ObjectNode object) {
        this.object = object;
    }

    /** The body as an object whose members are all in {@code known}. */
    public static ManagementJson read(byte[] body, Set<String> known) throws Refused {
        JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(body)) {
            tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw refused(ManagementError.MALFORMED_JSON, "", "The body must be exactly one JSON object");
            }
        } catch (JsonProcessingException e) {
            throw refused(ManagementError.MALFORMED_JSON, "", "The body is not valid JSON");
        } catch (IOException e) {
            throw refused(ManagementError.MALFORMED_JSON, "", "The body is not valid JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw refused(ManagementError.MALFORMED_JSON, "", "The body must be a JSON object");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw refused(ManagementError.UNKNOWN_FIELD, pointer(name), "Unknown member");
            }
        }
        return new ManagementJson((ObjectNode) tree);
    }

    /** A required string member of {@code minLength} to {@code maxLength} characters, not blank. */
    public String requiredString(String name, int minLength, int maxLength) throws Refused {
        return optionalString(name, minLength, maxLength).orElseThrow(() ->
                refused(ManagementError.MISSING_FIELD, pointer(name), "Required member " + name + " is missing"));
    }

    public Optional<String> optionalString(String name, int minLength, int maxLength) throws Refused {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw refused(ManagementError.INVALID_FIELD, pointer(name), name + " must be a string");
        }
        String text = node.textValue();
        if (text.length() < minLength || text.length() > maxLength || text.isBlank()) {
            throw refused(ManagementError.INVALID_FIELD, pointer(name),
                    name + " must be " + minLength + " to " + maxLength + " characters, not blank");
        }
        return Optional.of(text);
    }

    /** An optional integer member, {@code min} to {@code max}. */
    public Optional<Long> optionalInteger(String name, long min, long max) throws Refused {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw refused(ManagementError.INVALID_FIELD, pointer(name), name + " must be an integer");
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw refused(ManagementError.INVALID_FIELD, pointer(name), name + " must be " + min + " to " + max);
        }
        return Optional.of(value);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    public static String pointer(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }

    private static Refused refused(ManagementError reason, String pointer, String message) {
        return new Refused(ManagementProblem.atField(reason, pointer, message));
    }
}
