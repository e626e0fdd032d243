package dev.onvifcloud.soap.events;

import java.util.Objects;
import java.util.Optional;

/** wsnt:NotificationMessage carrying an ONVIF tt:Message. */
public record NotificationMessage(Optional<EndpointReference> subscriptionReference, Optional<TopicExpression> topic,
                                  Optional<EndpointReference> producerReference, Message message) {

    public NotificationMessage {
        Objects.requireNonNull(subscriptionReference, "subscriptionReference");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(producerReference, "producerReference");
        Objects.requireNonNull(message, "message");
    }
}
