package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;

/** tas:GetServiceCapabilities. */
public record GetServiceCapabilities() implements SoapRequest {
}
