package dev.onvifcloud.soap.security;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** tas:CertPathValidationPolicy: how to validate a peer's certification path, with at least one trust anchor. */
public record CertPathValidationPolicy(CertPathValidationPolicyID certPathValidationPolicyID, Optional<String> alias,
                                       CertPathValidationParameters parameters, List<TrustAnchor> trustAnchors) {

    public CertPathValidationPolicy {
        Objects.requireNonNull(certPathValidationPolicyID, "certPathValidationPolicyID");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(parameters, "parameters");
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("A certification path validation policy needs a TrustAnchor");
        }
    }
}
