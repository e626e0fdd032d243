package dev.onvifcloud.soap;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * The unprefixed attributes of an ONVIF capabilities element (e.g. {@code MaxUplinks="2"},
 * {@code Protocols="https wss"}), in document order. The capability records check the attributes they
 * know against their XML Schema type; others are kept as they are ({@code xs:anyAttribute}).
 */
public record AttributeSet(Map<String, String> values) {

    /** The XML Schema types of capability attributes. */
    public enum Type {
        BOOLEAN, INT, POSITIVE_INTEGER, NON_NEGATIVE_INTEGER, STRING, LIST
    }

    public AttributeSet {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No attributes. */
    public static AttributeSet none() {
        return new AttributeSet(Map.of());
    }

    /** This set with one more attribute: a Boolean, Integer, List of strings or String. */
    public AttributeSet with(String name, Object value) {
        String text;
        if (value instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            for (Object item : list) {
                String itemText = item.toString();
                if (itemText.isEmpty() || itemText.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException("A list attribute item must be a non-empty token");
                }
                joined.append(joined.length() == 0 ? "" : " ").append(itemText);
            }
            text = joined.toString();
        } else {
            text = String.valueOf(value);
        }
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, text);
        return new AttributeSet(copy);
    }

    /** A Boolean attribute. */
    public Optional<Boolean> bool(String name) {
        return Optional.ofNullable(values.get(name)).map(XsdTypes::parseBoolean);
    }

    /** An integer attribute. */
    public Optional<Integer> integer(String name) {
        return Optional.ofNullable(values.get(name)).map(XsdTypes::parseInt);
    }

    /** A list attribute (empty if absent). */
    public List<String> list(String name) {
        return Optional.ofNullable(values.get(name)).map(XsdTypes::parseList).orElse(List.of());
    }

    /** A string attribute. */
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Checks the attributes that have a type in {@code types}; throws {@link IllegalArgumentException} naming the first wrong one. */
    public AttributeSet checked(Map<String, Type> types) {
        for (Map.Entry<String, String> attribute : values.entrySet()) {
            Type type = types.get(attribute.getKey());
            if (type == null) {
                continue;
            }
            String text = attribute.getValue().strip();
            boolean ok;
            try {
                ok = switch (type) {
                    case BOOLEAN -> {
                        XsdTypes.parseBoolean(text);
                        yield true;
                    }
                    case INT -> {
                        XsdTypes.parseInt(text);
                        yield true;
                    }
                    case POSITIVE_INTEGER -> new BigInteger(text).signum() > 0;
                    case NON_NEGATIVE_INTEGER -> new BigInteger(text).signum() >= 0;
                    case STRING, LIST -> true;
                };
            } catch (IllegalArgumentException e) {
                ok = false;
            }
            if (!ok) {
                throw new XsdTypes.TypeMismatch(type.name().toLowerCase(java.util.Locale.ROOT)
                        + " in attribute " + attribute.getKey());
            }
        }
        return this;
    }

    /** The unprefixed attributes of an element. */
    public static AttributeSet of(XmlElement element) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Map.Entry<QName, String> attribute : element.attributes().entrySet()) {
            if (attribute.getKey().getNamespaceURI().isEmpty()) {
                found.put(attribute.getKey().getLocalPart(), attribute.getValue());
            }
        }
        return new AttributeSet(found);
    }

    /** Writes the attributes onto the element just opened. */
    public void writeTo(XmlWriter writer) {
        values.forEach(writer::attribute);
    }
}
