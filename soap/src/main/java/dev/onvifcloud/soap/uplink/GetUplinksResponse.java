package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tup:GetUplinksResponse: the configured uplinks with their status. */
public record GetUplinksResponse(List<UplinkConfiguration> configurations) implements SoapResponse {

    public GetUplinksResponse {
        configurations = List.copyOf(configurations);
    }
}
