package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.XmlElement;
import java.util.Objects;

/** tt:ElementItem: a named XML value of an event's Source, Key or Data. */
public record ElementItem(String name, XmlElement value) {

    public ElementItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("An ElementItem needs a Name");
        }
    }
}
