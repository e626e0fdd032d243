package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapRequest;

/** tds:GetDeviceInformation. */
public record GetDeviceInformation() implements SoapRequest {
}
