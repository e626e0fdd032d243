package dev.onvifcloud.protocol;

import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Operational Cloud Service asks to be configured on one device ({@code deviceConfiguration}).
 *
 * <p>Rules between members, checked on construction: policy aliases are unique, uplink remote
 * addresses are unique (the Uplink service keys configurations by {@code RemoteAddress}), and every
 * {@code certPathValidationPolicyAlias} names a policy of this configuration.
 *
 * @param shareToken the share token, a JWS in compact serialization; its signature and claims are not checked here
 * @param endpointReferences where {@code deviceSharingCompleted} is sent: at least one absolute URI with a host
 */
public record DeviceConfiguration(
        String shareToken,
        List<URI> endpointReferences,
        List<UplinkConfiguration> uplinkConfigurations,
        List<AuthorizationServerConfiguration> authorizationServerConfigurations,
        List<CertPathValidationPolicy> certPathValidationPolicies) {

    public DeviceConfiguration {
        WireRules.requireCompactJws(shareToken, "shareToken");
        endpointReferences = WireRules.copyNonEmpty(endpointReferences, "endpointReferences");
        endpointReferences.forEach(uri -> WireRules.requireAbsoluteWithHost(uri, "endpointReferences"));
        uplinkConfigurations = WireRules.copy(uplinkConfigurations, "uplinkConfigurations");
        authorizationServerConfigurations =
                WireRules.copy(authorizationServerConfigurations, "authorizationServerConfigurations");
        certPathValidationPolicies = WireRules.copy(certPathValidationPolicies, "certPathValidationPolicies");
        Optional<Violation> violation =
                firstViolation(uplinkConfigurations, authorizationServerConfigurations, certPathValidationPolicies);
        if (violation.isPresent()) {
            throw violation.get().asIllegalArgument();
        }
    }

    /** The first broken rule between members, with its pointer relative to the device configuration. */
    static Optional<Violation> firstViolation(
            List<UplinkConfiguration> uplinks,
            List<AuthorizationServerConfiguration> authorizationServers,
            List<CertPathValidationPolicy> policies) {
        Pointer policiesAt = Pointer.ROOT.child("certPathValidationPolicies");
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < policies.size(); i++) {
            if (!aliases.add(policies.get(i).alias())) {
                return Optional.of(new Violation(policiesAt.child(i).child("alias"), Reason.DUPLICATE_VALUE,
                        "alias is already used by another certPathValidationPolicy"));
            }
        }
        Pointer uplinksAt = Pointer.ROOT.child("uplinkConfigurations");
        Set<URI> remoteAddresses = new HashSet<>();
        for (int i = 0; i < uplinks.size(); i++) {
            UplinkConfiguration uplink = uplinks.get(i);
            if (!remoteAddresses.add(uplink.remoteAddress())) {
                return Optional.of(new Violation(uplinksAt.child(i).child("remoteAddress"), Reason.DUPLICATE_VALUE,
                        "remoteAddress is already used by another uplinkConfiguration"));
            }
            if (!aliases.contains(uplink.certPathValidationPolicyAlias())) {
                return Optional.of(unknownAlias(uplinksAt.child(i)));
            }
        }
        Pointer serversAt = Pointer.ROOT.child("authorizationServerConfigurations");
        for (int i = 0; i < authorizationServers.size(); i++) {
            if (!aliases.contains(authorizationServers.get(i).certPathValidationPolicyAlias())) {
                return Optional.of(unknownAlias(serversAt.child(i)));
            }
        }
        return Optional.empty();
    }

    private static Violation unknownAlias(Pointer configuration) {
        return new Violation(configuration.child("certPathValidationPolicyAlias"), Reason.UNKNOWN_REFERENCE,
                "certPathValidationPolicyAlias names no certPathValidationPolicy of this deviceConfiguration");
    }

    /** Leaves the share token out: it is a bearer credential. */
    @Override
    public String toString() {
        return "DeviceConfiguration[shareToken=(" + shareToken.length() + " chars), endpointReferences="
                + endpointReferences + ", uplinkConfigurations=" + uplinkConfigurations
                + ", authorizationServerConfigurations=" + authorizationServerConfigurations
                + ", certPathValidationPolicies=" + certPathValidationPolicies + "]";
    }
}
