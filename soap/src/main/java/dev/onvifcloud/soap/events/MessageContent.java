package dev.onvifcloud.soap.events;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/** wsnt:MessageContent: a filter on message content in a dialect (ONVIF: the item filter XPath subset). */
public record MessageContent(URI dialect, String expression, Map<String, String> namespaces) {

    /** The ONVIF message content filter dialect. */
    public static final URI ITEM_FILTER = URI.create("http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter");

    public MessageContent {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(expression, "expression");
        namespaces = Map.copyOf(namespaces);
    }
}
