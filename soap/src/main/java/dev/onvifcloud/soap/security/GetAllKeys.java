package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;

/** tas:GetAllKeys. */
public record GetAllKeys() implements SoapRequest {
}
