package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tds:SystemRebootResponse: a message, e.g. how long the reboot takes. */
public record SystemRebootResponse(String message) implements SoapResponse {

    public SystemRebootResponse {
        Objects.requireNonNull(message, "message");
    }
}
