package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapRequest;

/** tds:GetServices: the services of the device, with their capabilities if asked. */
public record GetServices(boolean includeCapability) implements SoapRequest {
}
