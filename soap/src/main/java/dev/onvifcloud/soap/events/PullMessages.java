package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;
import java.time.Duration;
import java.util.Objects;

/** tev:PullMessages, sent to a pull point: wait up to Timeout for at most MessageLimit messages. */
public record PullMessages(Duration timeout, int messageLimit) implements SoapRequest {

    public PullMessages {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("Timeout must not be negative");
        }
        if (messageLimit < 0) {
            throw new IllegalArgumentException("MessageLimit must not be negative");
        }
    }
}
