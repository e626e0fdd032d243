package dev.onvifcloud.protocol;

import dev.onvifcloud.protocol.WireFormatException.Reason;

/**
 * A broken rule between members of one value, found by the same code for the record constructor
 * (which throws {@link IllegalArgumentException}) and the reader (which throws {@link WireFormatException}).
 *
 * @param pointer pointer of the offending member, relative to the value that holds the rule
 */
record Violation(Pointer pointer, Reason reason, String problem) {

    WireFormatException under(Pointer base) {
        return new WireFormatException(reason, base.toString() + pointer, problem);
    }

    IllegalArgumentException asIllegalArgument() {
        return new IllegalArgumentException(pointer + ": " + problem);
    }
}
