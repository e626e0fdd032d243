package dev.onvifcloud.device;

/**
 * Storage limits the camera signals in its capabilities and enforces with the specifications' "maximum number
 * reached" faults.
 */
public record DeviceLimits(int maxKeys, int maxCertificates, int maxCertPathValidationPolicies,
                           int maxAuthorizationServerConfigurations, int maxUplinks) {

    public DeviceLimits {
        if (maxKeys < 1 || maxCertificates < 1 || maxCertPathValidationPolicies < 1
                || maxAuthorizationServerConfigurations < 1 || maxUplinks < 1) {
            throw new IllegalArgumentException("every limit must be at least 1");
        }
    }

    /** 32 keys, 32 certificates, 16 policies, 8 authorization server configurations, 8 uplinks. */
    public static DeviceLimits defaults() {
        return new DeviceLimits(32, 32, 16, 8, 8);
    }
}
