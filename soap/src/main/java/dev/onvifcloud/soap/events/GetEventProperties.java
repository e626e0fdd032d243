package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.SoapRequest;

/** tev:GetEventProperties: the topics and filter dialects the device supports. */
public record GetEventProperties() implements SoapRequest {
}
