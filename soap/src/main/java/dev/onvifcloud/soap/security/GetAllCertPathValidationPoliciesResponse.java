package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tas:GetAllCertPathValidationPoliciesResponse. */
public record GetAllCertPathValidationPoliciesResponse(List<CertPathValidationPolicy> certPathValidationPolicies) implements SoapResponse {

    public GetAllCertPathValidationPoliciesResponse {
        certPathValidationPolicies = List.copyOf(certPathValidationPolicies);
    }
}
