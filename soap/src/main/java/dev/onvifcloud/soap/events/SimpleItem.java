package dev.onvifcloud.soap.events;

import java.util.Objects;

/** tt:SimpleItem: a named simple value of an event's Source, Key or Data. */
public record SimpleItem(String name, String value) {

    public SimpleItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A SimpleItem needs a Name");
        }
    }
}
