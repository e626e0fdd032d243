package dev.onvifcloud.protocol;

import java.net.URI;
import java.util.Objects;

/**
 * Per-device uplink configuration ({@code uplinkConfiguration}): where the device connects its uplink,
 * the level granted to requests tunnelled through it, and the alias of the policy that validates the
 * uplink server's certificate.
 *
 * @param remoteAddress absolute URI with a host
 * @param certPathValidationPolicyAlias names a {@link CertPathValidationPolicy} of the same {@link DeviceConfiguration}
 */
public record UplinkConfiguration(URI remoteAddress, UserLevel userLevel, String certPathValidationPolicyAlias) {

    public UplinkConfiguration {
        WireRules.requireAbsoluteWithHost(remoteAddress, "remoteAddress");
        Objects.requireNonNull(userLevel, "userLevel");
        WireRules.requireNonBlank(certPathValidationPolicyAlias, "certPathValidationPolicyAlias");
    }
}
