package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** tas:CreateCertPathValidationPolicy: a policy with at least one trust anchor. */
public record CreateCertPathValidationPolicy(Optional<String> alias, CertPathValidationParameters parameters, List<TrustAnchor> trustAnchors) implements SoapRequest {

    public CreateCertPathValidationPolicy {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(parameters, "parameters");
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("A certification path validation policy needs a TrustAnchor");
        }
    }
}
