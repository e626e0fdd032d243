package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:CreateCertPathValidationPolicyResponse. */
public record CreateCertPathValidationPolicyResponse(CertPathValidationPolicyID certPathValidationPolicyID) implements SoapResponse {

    public CreateCertPathValidationPolicyResponse {
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
    }
}
