package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tds:GetServiceCapabilitiesResponse. */
public record GetServiceCapabilitiesResponse(DeviceServiceCapabilities capabilities) implements SoapResponse {

    public GetServiceCapabilitiesResponse {
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
