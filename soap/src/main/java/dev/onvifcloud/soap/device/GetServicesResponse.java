package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tds:GetServicesResponse: at least one service. */
public record GetServicesResponse(List<Service> services) implements SoapResponse {

    public GetServicesResponse {
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("GetServicesResponse lists at least one Service");
        }
    }
}
