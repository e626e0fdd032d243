package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tup:GetServiceCapabilitiesResponse. */
public record GetServiceCapabilitiesResponse(Capabilities capabilities) implements SoapResponse {

    public GetServiceCapabilitiesResponse {
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
