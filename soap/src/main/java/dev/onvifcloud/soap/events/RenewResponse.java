package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapResponse;
import java.time.Instant;
import java.util.Objects;

/** wsnt:RenewResponse: the new termination time and the device's time (ONVIF requires both). */
public record RenewResponse(Instant terminationTime, Instant currentTime) implements SoapResponse {

    public RenewResponse {
        Objects.requireNonNull(terminationTime, "terminationTime");
        Objects.requireNonNull(currentTime, "currentTime");
    }
}
