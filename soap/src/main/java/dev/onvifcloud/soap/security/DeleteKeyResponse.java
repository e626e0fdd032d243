package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;

/** tas:DeleteKeyResponse. */
public record DeleteKeyResponse() implements SoapResponse {
}
