package dev.onvifcloud.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP header fields of a tunneled request or response, in order. Names are lower case as HTTP/2
 * requires; pseudo-header fields ({@code :method}, ...) are carried by the request/response records
 * instead, and connection-specific fields, which HTTP/2 forbids, are rejected.
 */
public record UplinkHeaders(List<Field> fields) {

    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private static final UplinkHeaders EMPTY = new UplinkHeaders(List.of());

    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            name = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.startsWith(":")) {
                throw new IllegalArgumentException("invalid header field name: '" + name + "'");
            }
            if (CONNECTION_SPECIFIC.contains(name)) {
                throw new IllegalArgumentException("connection-specific header field not allowed in HTTP/2: " + name);
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == ':') {
                    throw new IllegalArgumentException("invalid header field name: '" + name + "'");
                }
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("invalid character in value of header field " + name);
                }
            }
        }
    }

    public UplinkHeaders {
        fields = List.copyOf(fields);
    }

    public static UplinkHeaders empty() {
        return EMPTY;
    }

    /** Header fields from name/value pairs: {@code of("content-type", "application/soap+xml")}. */
    public static UplinkHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        List<Field> list = new ArrayList<>(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new UplinkHeaders(list);
    }

    /** The first value of a field, case-insensitively by name. */
    public Optional<String> first(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Field f : fields) {
            if (f.name().equals(lower)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** All values of a field, in order. */
    public List<String> all(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equals(lower)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /** A copy with one field appended. */
    public UplinkHeaders with(String name, String value) {
        List<Field> list = new ArrayList<>(fields);
        list.add(new Field(name, value));
        return new UplinkHeaders(list);
    }
}
