package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tev:GetServiceCapabilitiesResponse. */
public record GetServiceCapabilitiesResponse(Capabilities capabilities) implements SoapResponse {

    public GetServiceCapabilitiesResponse {
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
