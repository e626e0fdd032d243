package dev.onvifcloud.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads untrusted bytes into a Jackson tree within {@link JsonLimits}, rejecting what JSON parsers
 * commonly let through: non-UTF-8 input, a byte order mark, duplicate member names, content after
 * the top-level value, unpaired surrogates. Each limit is checked here with the pointer of the
 * offending value; Jackson's {@link StreamReadConstraints} are set just above them as a backstop.
 */
final class BoundedTreeParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonLimits limits;
    private final JsonFactory factory;

    BoundedTreeParser(JsonLimits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxBodyBytes())
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .maxStringLength(limits.maxBodyBytes())
                        .maxNameLength(limits.maxBodyBytes())
                        .build())
                .build();
    }

    JsonNode parse(byte[] body) throws WireFormatException {
        if (body.length > limits.maxBodyBytes()) {
            throw new WireFormatException(Reason.TOO_LARGE, "",
                    "body is larger than " + limits.maxBodyBytes() + " bytes");
        }
        CharBuffer text = decodeUtf8(body);
        JsonParser parser = null;
        try {
            parser = factory.createParser(text.array(), text.arrayOffset() + text.position(), text.remaining());
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new WireFormatException(Reason.MALFORMED_JSON, "", "empty body");
            }
            JsonNode root = value(parser, first, Pointer.ROOT, 1);
            if (parser.nextToken() != null) {
                throw new WireFormatException(Reason.MALFORMED_JSON, "", "content after the top-level value");
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw new WireFormatException(Reason.TOO_LARGE, pointerOf(parser), "value larger than allowed");
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the input (a share token, say): only the location is kept.
            JsonLocation where = e.getLocation();
            String location = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new WireFormatException(Reason.MALFORMED_JSON, pointerOf(parser), "malformed JSON" + location);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory
        } finally {
            close(parser);
        }
    }

    private static CharBuffer decodeUtf8(byte[] body) throws WireFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new WireFormatException(Reason.MALFORMED_JSON, "", "body is not UTF-8");
        }
    }

    private JsonNode value(JsonParser parser, JsonToken token, Pointer at, int depth)
            throws IOException, WireFormatException {
        switch (token) {
            case START_OBJECT:
                requireDepth(at, depth);
                return object(parser, at, depth);
            case START_ARRAY:
                requireDepth(at, depth);
                return array(parser, at, depth);
            case VALUE_STRING:
                return NODES.textNode(string(parser, at));
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected token " + token);
        }
    }

    private ObjectNode object(JsonParser parser, Pointer at, int depth) throws IOException, WireFormatException {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            if (name.length() > limits.maxStringLength()) {
                throw new WireFormatException(Reason.STRING_TOO_LONG, at.toString(),
                        "member name longer than " + limits.maxStringLength() + " characters");
            }
            if (hasUnpairedSurrogate(name)) {
                throw new WireFormatException(Reason.MALFORMED_JSON, at.toString(),
                        "member name with an unpaired surrogate");
            }
            Pointer member = at.child(name);
            if (object.has(name)) {
                throw new WireFormatException(Reason.DUPLICATE_KEY, member.toString(), "member appears twice");
            }
            object.set(name, value(parser, parser.nextToken(), member, depth + 1));
        }
        return object;
    }

    private ArrayNode array(JsonParser parser, Pointer at, int depth) throws IOException, WireFormatException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (array.size() == limits.maxArrayItems()) {
                throw new WireFormatException(Reason.TOO_MANY_ITEMS, at.toString(),
                        "more than " + limits.maxArrayItems() + " items");
            }
            array.add(value(parser, token, at.child(array.size()), depth + 1));
        }
        return array;
    }

    private String string(JsonParser parser, Pointer at) throws IOException, WireFormatException {
        if (parser.getTextLength() > limits.maxStringLength()) {
            throw new WireFormatException(Reason.STRING_TOO_LONG, at.toString(),
                    "string longer than " + limits.maxStringLength() + " characters");
        }
        String text = parser.getText();
        if (hasUnpairedSurrogate(text)) {
            throw new WireFormatException(Reason.MALFORMED_JSON, at.toString(), "string with an unpaired surrogate");
        }
        return text;
    }

    private void requireDepth(Pointer at, int depth) throws WireFormatException {
        if (depth > limits.maxDepth()) {
            throw new WireFormatException(Reason.TOO_DEEP, at.toString(),
                    "arrays and objects nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String pointerOf(JsonParser parser) {
        return parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
