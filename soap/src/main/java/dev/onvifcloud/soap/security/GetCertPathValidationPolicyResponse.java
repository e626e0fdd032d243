package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:GetCertPathValidationPolicyResponse. */
public record GetCertPathValidationPolicyResponse(CertPathValidationPolicy certPathValidationPolicy) implements SoapResponse {

    public GetCertPathValidationPolicyResponse {
        Objects.requireNonNull(certPathValidationPolicy, "certPathValidationPolicy");
    }
}
