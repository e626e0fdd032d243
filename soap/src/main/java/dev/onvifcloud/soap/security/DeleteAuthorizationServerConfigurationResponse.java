package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;

/** tas:DeleteAuthorizationServerConfigurationResponse. */
public record DeleteAuthorizationServerConfigurationResponse() implements SoapResponse {
}
