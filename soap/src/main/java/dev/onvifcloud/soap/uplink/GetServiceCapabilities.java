package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapRequest;

/** tup:GetServiceCapabilities: asks for the uplink service's capabilities. */
public record GetServiceCapabilities() implements SoapRequest {
}
