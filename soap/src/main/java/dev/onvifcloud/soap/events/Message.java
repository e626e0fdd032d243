package dev.onvifcloud.soap.events;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** tt:Message: the ONVIF payload of a notification: when, who (Source, Key) and what (Data). */
public record Message(Instant utcTime, Optional<PropertyOperation> propertyOperation, Optional<ItemList> source,
                      Optional<ItemList> key, Optional<ItemList> data) {

    public Message {
        Objects.requireNonNull(utcTime, "utcTime");
        Objects.requireNonNull(propertyOperation, "propertyOperation");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }
}
