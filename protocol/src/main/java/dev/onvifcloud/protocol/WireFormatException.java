package dev.onvifcloud.protocol;

import java.util.Objects;

/**
 * Untrusted input that is not a valid Cloud Integration message. Carries the {@link Reason} to branch
 * on and the RFC 6901 JSON pointer of the offending member; the message names the member and the
 * problem and never contains a value from the input.
 */
public final class WireFormatException extends Exception {

    /** Why the input was rejected. */
    public enum Reason {
        /** Not JSON text: syntax error, not UTF-8, several top-level values, unpaired surrogate. */
        MALFORMED_JSON,
        /** A member name appears twice in one object. */
        DUPLICATE_KEY,
        /** A required member is absent. */
        MISSING_FIELD,
        /** A member has the wrong JSON type (including {@code null}). */
        WRONG_TYPE,
        /** A string does not have the required format: URI, base64, DER, compact JWS. */
        INVALID_FORMAT,
        /** A well-formed value that is not allowed: unknown enum value, blank string, empty list, URI without host. */
        INVALID_VALUE,
        /** A value that must be unique appears twice: policy alias, uplink remote address, share token. */
        DUPLICATE_VALUE,
        /** A certification path validation policy alias that names no policy of the same device configuration. */
        UNKNOWN_REFERENCE,
        /** The body, or a number in it, is larger than allowed. */
        TOO_LARGE,
        /** An array has more items than allowed. */
        TOO_MANY_ITEMS,
        /** A string or member name is longer than allowed. */
        STRING_TOO_LONG,
        /** Arrays and objects are nested deeper than allowed. */
        TOO_DEEP
    }

    private final Reason reason;
    private final String pointer;
    private final String problem;

    WireFormatException(Reason reason, String pointer, String problem) {
        super((pointer.isEmpty() ? "(document)" : pointer) + ": " + problem);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.pointer = pointer;
        this.problem = problem;
    }

    /** Why the input was rejected. */
    public Reason reason() {
        return reason;
    }

    /** RFC 6901 JSON pointer of the offending member; the empty string for the whole document. */
    public String pointer() {
        return pointer;
    }

    /** The same rejection for a value that was found at {@code base}. */
    WireFormatException under(Pointer base) {
        return new WireFormatException(reason, base + pointer, problem);
    }
}
