package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapResponse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** tev:PullMessagesResponse: the messages (none on timeout). */
public record PullMessagesResponse(Instant currentTime, Instant terminationTime, List<NotificationMessage> notificationMessages) implements SoapResponse {

    public PullMessagesResponse {
        Objects.requireNonNull(currentTime, "currentTime");
        Objects.requireNonNull(terminationTime, "terminationTime");
        notificationMessages = List.copyOf(notificationMessages);
    }
}
