package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapRequest;

/** tds:GetServiceCapabilities. */
public record GetServiceCapabilities() implements SoapRequest {
}
