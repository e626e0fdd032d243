package dev.onvifcloud.protocol;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Authorization server the device obtains uplink access tokens from ({@code authorizationServerConfiguration},
 * the JSON form of {@code tas:AuthorizationServerConfigurationData}).
 *
 * @param serverUri authorization server (metadata) address: absolute URI with a host
 * @param clientId client identifier issued by the authorization server
 * @param scope requested access scope, absent when not sent; never blank when present
 * @param certPathValidationPolicyAlias names a {@link CertPathValidationPolicy} of the same {@link DeviceConfiguration}
 */
public record AuthorizationServerConfiguration(
        URI serverUri, String clientId, Optional<String> scope, String certPathValidationPolicyAlias) {

    public AuthorizationServerConfiguration {
        WireRules.requireAbsoluteWithHost(serverUri, "serverUri");
        WireRules.requireNonBlank(clientId, "clientId");
        Objects.requireNonNull(scope, "scope").ifPresent(value -> WireRules.requireNonBlank(value, "scope"));
        WireRules.requireNonBlank(certPathValidationPolicyAlias, "certPathValidationPolicyAlias");
    }
}
