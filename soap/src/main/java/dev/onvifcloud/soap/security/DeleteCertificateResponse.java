package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;

/** tas:DeleteCertificateResponse. */
public record DeleteCertificateResponse() implements SoapResponse {
}
