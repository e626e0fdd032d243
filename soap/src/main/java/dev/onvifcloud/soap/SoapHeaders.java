package dev.onvifcloud.soap;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SOAP header of a message: the WS-Addressing properties ONVIF events rely on ({@code wsa:Action},
 * {@code wsa:To}, {@code wsa:MessageID}, {@code wsa:RelatesTo}) and, when read, every header block as it was
 * received.
 */
public record SoapHeaders(Optional<String> action, Optional<URI> to, Optional<String> messageId,
                          Optional<String> relatesTo, List<XmlElement> blocks) {

    public SoapHeaders {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(relatesTo, "relatesTo");
        blocks = List.copyOf(blocks);
    }

    /** No header. */
    public static SoapHeaders none() {
        return new SoapHeaders(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** WS-Addressing Action and To: how a request is addressed to a pull point or subscription manager. */
    public static SoapHeaders addressedTo(URI to, String action) {
        return new SoapHeaders(Optional.of(action), Optional.of(to), Optional.empty(), Optional.empty(), List.of());
    }

    /** Whether there is nothing to write. */
    public boolean isEmpty() {
        return action.isEmpty() && to.isEmpty() && messageId.isEmpty() && relatesTo.isEmpty();
    }
}
