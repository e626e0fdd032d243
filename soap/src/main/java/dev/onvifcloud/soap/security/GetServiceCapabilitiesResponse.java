package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:GetServiceCapabilitiesResponse. */
public record GetServiceCapabilitiesResponse(Capabilities capabilities) implements SoapResponse {

    public GetServiceCapabilitiesResponse {
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
