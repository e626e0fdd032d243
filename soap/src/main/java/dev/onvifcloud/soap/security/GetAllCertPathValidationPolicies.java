package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;

/** tas:GetAllCertPathValidationPolicies. */
public record GetAllCertPathValidationPolicies() implements SoapRequest {
}
