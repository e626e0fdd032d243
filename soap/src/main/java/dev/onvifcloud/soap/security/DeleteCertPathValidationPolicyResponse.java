package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;

/** tas:DeleteCertPathValidationPolicyResponse. */
public record DeleteCertPathValidationPolicyResponse() implements SoapResponse {
}
