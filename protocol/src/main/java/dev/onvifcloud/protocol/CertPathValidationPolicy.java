package dev.onvifcloud.protocol;

import java.util.List;

/**
 * Certification path validation policy referenced by alias from uplink and authorization server
 * configurations ({@code certPathValidationPolicy}).
 *
 * @param alias unique within its device configuration
 * @param trustAnchors DER certificates; at least one, as {@code tas:CertPathValidationPolicy} requires a TrustAnchor
 */
public record CertPathValidationPolicy(String alias, List<Base64Der> trustAnchors) {

    public CertPathValidationPolicy {
        WireRules.requireNonBlank(alias, "alias");
        trustAnchors = WireRules.copyNonEmpty(trustAnchors, "trustAnchors");
    }
}
