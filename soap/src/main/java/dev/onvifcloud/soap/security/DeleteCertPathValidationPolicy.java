package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:DeleteCertPathValidationPolicy. */
public record DeleteCertPathValidationPolicy(CertPathValidationPolicyID certPathValidationPolicyID) implements SoapRequest {

    public DeleteCertPathValidationPolicy {
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
    }
}
