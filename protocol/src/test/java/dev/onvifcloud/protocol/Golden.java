package dev.onvifcloud.protocol;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The golden messages under {@code src/test/resources/golden}, and variants of them. */
final class Golden {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {}

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String name) {
        return parse(bytes(name));
    }

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text member of a golden message, e.g. a share token or a certificate. */
    static String text(String name, String pointer) {
        JsonNode node = tree(name).at(JsonPointer.compile(pointer));
        if (!node.isTextual()) {
            throw new IllegalArgumentException(name + " has no text at " + pointer);
        }
        return node.textValue();
    }

    /** The golden message changed by {@code edit}, serialized again. */
    static byte[] edited(String name, Consumer<JsonNode> edit) {
        JsonNode tree = tree(name);
        edit.accept(tree);
        return serialize(tree);
    }

    /** The golden message without the member at {@code pointer}. */
    static byte[] without(String name, String pointer) {
        JsonPointer at = JsonPointer.compile(pointer);
        return edited(name, tree -> {
            JsonNode parent = tree.at(at.head());
            if (!(parent instanceof ObjectNode object) || object.remove(at.last().getMatchingProperty()) == null) {
                throw new IllegalArgumentException(name + " has no member at " + pointer);
            }
        });
    }

    /** The golden message with the value at {@code pointer} replaced by (or, in an object, set to) {@code json}. */
    static byte[] with(String name, String pointer, String json) {
        JsonPointer at = JsonPointer.compile(pointer);
        JsonNode value = parse(json.getBytes(StandardCharsets.UTF_8));
        return edited(name, tree -> {
            JsonNode parent = tree.at(at.head());
            if (parent instanceof ObjectNode object) {
                object.set(at.last().getMatchingProperty(), value);
            } else if (parent instanceof ArrayNode array && at.last().getMatchingIndex() < array.size()) {
                array.set(at.last().getMatchingIndex(), value);
            } else {
                throw new IllegalArgumentException(name + " has no place at " + pointer);
            }
        });
    }

    static byte[] serialize(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
