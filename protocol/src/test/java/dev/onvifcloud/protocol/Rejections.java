package dev.onvifcloud.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.onvifcloud.protocol.WireFormatException.Reason;

/** Reads a body that must be rejected and checks reason, pointer, and that no secret is echoed. */
final class Rejections {

    private Rejections() {}

    static WireFormatException assertRejected(
            Json json, byte[] body, Class<? extends WireMessage> type, Reason reason, String pointer) {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> json.read(body, type));
        assertThat(e).as("rejection of %s", type.getSimpleName()).isNotNull();
        assertThat(e.reason()).as("reason (%s)", e.getMessage()).isEqualTo(reason);
        assertThat(e.pointer()).as("pointer (%s)", e.getMessage()).isEqualTo(pointer);
        assertNoShareTokenIn(e.getMessage());
        return e;
    }

    static WireFormatException assertRejected(byte[] body, Class<? extends WireMessage> type, Reason reason, String pointer) {
        return assertRejected(new Json(JsonLimits.defaults()), body, type, reason, pointer);
    }

    /** Neither the claims nor the signature of a golden share token may appear in a message. */
    static void assertNoShareTokenIn(String message) {
        for (int device = 0; device < 2; device++) {
            String[] segments = Fixtures.shareToken(device).split("\\.");
            assertThat(message).doesNotContain(segments[1]).doesNotContain(segments[2]);
        }
    }
}
