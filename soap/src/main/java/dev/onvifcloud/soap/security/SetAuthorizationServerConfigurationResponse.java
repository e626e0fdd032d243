package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;

/** tas:SetAuthorizationServerConfigurationResponse. */
public record SetAuthorizationServerConfigurationResponse() implements SoapResponse {
}
