package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** wsnt:Renew, sent to a subscription manager: the new termination time. */
public record Renew(AbsoluteOrRelativeTime terminationTime) implements SoapRequest {

    public Renew {
        Objects.requireNonNull(terminationTime, "terminationTime");
    }
}
