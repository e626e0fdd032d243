package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapRequest;

/** tds:SystemReboot. */
public record SystemReboot() implements SoapRequest {
}
