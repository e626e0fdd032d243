package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.AttributeSet.Type;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * tds:DeviceServiceCapabilities: the attributes of its Network, Security, System and Misc elements. The
 * System attribute {@code CloudFirmwareUpgrade} signals support for {@code UpgradeFirmware}.
 */
public record DeviceServiceCapabilities(AttributeSet network, AttributeSet security, AttributeSet system,
                                        Optional<AttributeSet> misc) {

    static final Map<String, Type> NETWORK_TYPES = Map.of("IPFilter", Type.BOOLEAN, "ZeroConfiguration", Type.BOOLEAN,
            "IPVersion6", Type.BOOLEAN, "DynDNS", Type.BOOLEAN, "Dot11Configuration", Type.BOOLEAN,
            "Dot1XConfigurations", Type.INT, "HostnameFromDHCP", Type.BOOLEAN, "NTP", Type.INT, "DHCPv6", Type.BOOLEAN);
    static final Map<String, Type> SECURITY_TYPES = Map.ofEntries(
            Map.entry("TLS1.0", Type.BOOLEAN), Map.entry("TLS1.1", Type.BOOLEAN), Map.entry("TLS1.2", Type.BOOLEAN),
            Map.entry("OnboardKeyGeneration", Type.BOOLEAN), Map.entry("AccessPolicyConfig", Type.BOOLEAN),
            Map.entry("DefaultAccessPolicy", Type.BOOLEAN), Map.entry("Dot1X", Type.BOOLEAN),
            Map.entry("RemoteUserHandling", Type.BOOLEAN), Map.entry("X.509Token", Type.BOOLEAN),
            Map.entry("SAMLToken", Type.BOOLEAN), Map.entry("KerberosToken", Type.BOOLEAN),
            Map.entry("UsernameToken", Type.BOOLEAN), Map.entry("HttpDigest", Type.BOOLEAN),
            Map.entry("RELToken", Type.BOOLEAN), Map.entry("JsonWebToken", Type.BOOLEAN),
            Map.entry("SupportedEAPMethods", Type.LIST), Map.entry("MaxUsers", Type.INT),
            Map.entry("MaxUserNameLength", Type.INT), Map.entry("MaxPasswordLength", Type.INT),
            Map.entry("SecurityPolicies", Type.LIST), Map.entry("MaxPasswordHistory", Type.INT),
            Map.entry("HashingAlgorithms", Type.LIST), Map.entry("MaxUserRoles", Type.INT));
    static final Map<String, Type> SYSTEM_TYPES = Map.ofEntries(
            Map.entry("DiscoveryResolve", Type.BOOLEAN), Map.entry("DiscoveryBye", Type.BOOLEAN),
            Map.entry("RemoteDiscovery", Type.BOOLEAN), Map.entry("SystemBackup", Type.BOOLEAN),
            Map.entry("SystemLogging", Type.BOOLEAN), Map.entry("CloudFirmwareUpgrade", Type.BOOLEAN),
            Map.entry("HttpFirmwareUpgrade", Type.BOOLEAN), Map.entry("HttpSystemBackup", Type.BOOLEAN),
            Map.entry("HttpSystemLogging", Type.BOOLEAN), Map.entry("HttpSupportInformation", Type.BOOLEAN),
            Map.entry("StorageConfiguration", Type.BOOLEAN), Map.entry("MaxStorageConfigurations", Type.INT),
            Map.entry("StorageConfigurationRenewal", Type.BOOLEAN), Map.entry("GeoLocationEntries", Type.INT),
            Map.entry("AutoGeo", Type.LIST), Map.entry("StorageTypesSupported", Type.LIST),
            Map.entry("DiscoveryNotSupported", Type.BOOLEAN), Map.entry("NetworkConfigNotSupported", Type.BOOLEAN),
            Map.entry("UserConfigNotSupported", Type.BOOLEAN), Map.entry("Addons", Type.LIST),
            Map.entry("HardwareType", Type.STRING));

    public DeviceServiceCapabilities {
        Objects.requireNonNull(network, "network").checked(NETWORK_TYPES);
        Objects.requireNonNull(security, "security").checked(SECURITY_TYPES);
        Objects.requireNonNull(system, "system").checked(SYSTEM_TYPES);
        Objects.requireNonNull(misc, "misc");
    }

    /** Whether the device supports cloud firmware upgrade (System/@CloudFirmwareUpgrade). */
    public boolean cloudFirmwareUpgrade() {
        return system.bool("CloudFirmwareUpgrade").orElse(false);
    }
}
