package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;

/** tas:GetAllCertificates. */
public record GetAllCertificates() implements SoapRequest {
}
