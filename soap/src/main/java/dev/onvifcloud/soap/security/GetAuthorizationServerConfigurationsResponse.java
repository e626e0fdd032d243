package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tas:GetAuthorizationServerConfigurationsResponse (a device leaves ClientSecret out). */
public record GetAuthorizationServerConfigurationsResponse(List<AuthorizationServerConfiguration> configurations) implements SoapResponse {

    public GetAuthorizationServerConfigurationsResponse {
        configurations = List.copyOf(configurations);
    }
}
