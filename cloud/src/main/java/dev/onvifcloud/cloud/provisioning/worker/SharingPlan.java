package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.UplinkConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The steps that configure a camera for one {@link DeviceConfiguration}, always the same for the same
 * configuration, so that a worker resuming an operation finds the steps recorded by the one before it. A trust
 * anchor named by several policies is uploaded once.
 */
final class SharingPlan {

    private final DeviceConfiguration configuration;
    private final List<Base64Der> trustAnchors;
    private final List<PlannedStep> steps;

    SharingPlan(DeviceConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        List<Base64Der> anchors = new ArrayList<>();
        for (CertPathValidationPolicy policy : configuration.certPathValidationPolicies()) {
            for (Base64Der anchor : policy.trustAnchors()) {
                if (!anchors.contains(anchor)) {
                    anchors.add(anchor);
                }
            }
        }
        this.trustAnchors = List.copyOf(anchors);
        List<PlannedStep> planned = new ArrayList<>();
        for (int i = 0; i < trustAnchors.size(); i++) {
            planned.add(new PlannedStep(SharingStep.UploadCertificate, i, planned.size()));
        }
        for (int i = 0; i < configuration.certPathValidationPolicies().size(); i++) {
            planned.add(new PlannedStep(SharingStep.CreateCertPathValidationPolicy, i, planned.size()));
        }
        planned.add(new PlannedStep(SharingStep.CreateECCKeyPair, 0, planned.size()));
        planned.add(new PlannedStep(SharingStep.CreatePKCS10CSR, 0, planned.size()));
        for (int i = 0; i < configuration.authorizationServerConfigurations().size(); i++) {
            planned.add(new PlannedStep(SharingStep.CreateAuthorizationServerConfiguration, i, planned.size()));
        }
        for (int i = 0; i < configuration.uplinkConfigurations().size(); i++) {
            planned.add(new PlannedStep(SharingStep.SetUplink, i, planned.size()));
        }
        this.steps = List.copyOf(planned);
    }

    DeviceConfiguration configuration() {
        return configuration;
    }

    List<PlannedStep> steps() {
        return steps;
    }

    /** The distinct trust anchors, in the order they are uploaded. */
    List<Base64Der> trustAnchors() {
        return trustAnchors;
    }

    int trustAnchorIndex(Base64Der anchor) {
        return trustAnchors.indexOf(anchor);
    }

    int policyIndex(String alias) {
        List<CertPathValidationPolicy> policies = configuration.certPathValidationPolicies();
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).alias().equals(alias)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no policy has this alias"); // DeviceConfiguration checked the aliases
    }

    /**
     * The authorization server whose access tokens authenticate an uplink: the one on the uplink's host, else the
     * first. (The specification does not link the two; an OCS usually runs a single authorization server.)
     */
    Optional<Integer> authorizationServerFor(UplinkConfiguration uplink) {
        List<AuthorizationServerConfiguration> servers = configuration.authorizationServerConfigurations();
        for (int i = 0; i < servers.size(); i++) {
            if (Objects.equals(servers.get(i).serverUri().getHost(), uplink.remoteAddress().getHost())) {
                return Optional.of(i);
            }
        }
        return servers.isEmpty() ? Optional.empty() : Optional.of(0);
    }

    /** The subject of the CSR: CN = the first ClientID, else the camera's serial number. */
    String csrCommonName(String serialNumber) {
        return configuration.authorizationServerConfigurations().stream().findFirst()
                .map(AuthorizationServerConfiguration::clientId).orElse(serialNumber);
    }
}
