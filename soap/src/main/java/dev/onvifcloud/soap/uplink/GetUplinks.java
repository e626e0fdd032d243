package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapRequest;

/** tup:GetUplinks: asks for the configured uplinks. */
public record GetUplinks() implements SoapRequest {
}
