package dev.onvifcloud.protocol;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/** Single-value rules of the wire model, shared by the record constructors and the JSON reader. */
final class WireRules {

    private WireRules() {}

    static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static URI requireAbsoluteWithHost(URI value, String name) {
        Objects.requireNonNull(value, name);
        if (!value.isAbsolute() || value.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URI with a host");
        }
        return value;
    }

    static <T> List<T> copy(List<T> values, String name) {
        return List.copyOf(Objects.requireNonNull(values, name));
    }

    static <T> List<T> copyNonEmpty(List<T> values, String name) {
        List<T> copy = copy(values, name);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return copy;
    }

    static String requireCompactJws(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!isCompactJws(value)) {
            throw new IllegalArgumentException(name + " must be a JWS in compact serialization");
        }
        return value;
    }

    /**
     * Whether the value has the shape of a JWS in compact serialization (RFC 7515, section 7.1): three
     * base64url segments without padding, separated by dots, header and payload not empty. The
     * signature may be empty here (an unsecured JWS); whether such a token is acceptable is policy.
     */
    static boolean isCompactJws(String value) {
        int firstDot = value.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : value.indexOf('.', firstDot + 1);
        if (secondDot < 0 || value.indexOf('.', secondDot + 1) >= 0) {
            return false;
        }
        return isBase64UrlSegment(value, 0, firstDot, false)
                && isBase64UrlSegment(value, firstDot + 1, secondDot, false)
                && isBase64UrlSegment(value, secondDot + 1, value.length(), true);
    }

    private static boolean isBase64UrlSegment(String value, int from, int to, boolean mayBeEmpty) {
        int length = to - from;
        if (length == 0) {
            return mayBeEmpty;
        }
        if (length % 4 == 1) {
            return false; // no base64 encoding has this length
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                return false;
            }
        }
        return true;
    }
}
