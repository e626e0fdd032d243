package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:GetCertPathValidationPolicy. */
public record GetCertPathValidationPolicy(CertPathValidationPolicyID certPathValidationPolicyID) implements SoapRequest {

    public GetCertPathValidationPolicy {
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
    }
}
