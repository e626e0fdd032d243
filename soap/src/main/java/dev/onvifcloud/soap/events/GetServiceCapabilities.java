package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;

/** tev:GetServiceCapabilities. */
public record GetServiceCapabilities() implements SoapRequest {
}
