package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.UplinkConfiguration;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of one {@code deviceConfiguration} beyond its schema (which the codec did): where we and the camera
 * will connect, and that trust anchors are certificates.
 */
final class ConfigurationCheck {

    static final Set<String> ENDPOINT_SCHEMES = Set.of("https");
    static final Set<String> UPLINK_SCHEMES = Set.of("https", "wss");

    /** The addresses a valid configuration resolved to, for whoever connects later. */
    record Pinned(List<PinnedAddress> endpoints, List<PinnedAddress> uplinks) {
    }

    private final OutboundAddressPolicy addressPolicy;

    ConfigurationCheck(OutboundAddressPolicy addressPolicy) {
        this.addressPolicy = addressPolicy;
    }

    /** The pinned addresses, or the first problem as a rejection of configuration {@code index}. */
    CheckResult check(int index, DeviceConfiguration configuration) {
        List<PinnedAddress> endpoints = new ArrayList<>();
        for (URI endpoint : configuration.endpointReferences()) {
            try {
                endpoints.add(addressPolicy.check(endpoint, ENDPOINT_SCHEMES));
            } catch (AddressRefusedException e) {
                return CheckResult.rejected(SharingRejection.of(SharingRefusal.ENDPOINT_REFUSED, index, e.reason()));
            }
        }
        List<PinnedAddress> uplinks = new ArrayList<>();
        for (UplinkConfiguration uplink : configuration.uplinkConfigurations()) {
            try {
                uplinks.add(addressPolicy.check(uplink.remoteAddress(), UPLINK_SCHEMES));
            } catch (AddressRefusedException e) {
                return CheckResult.rejected(SharingRejection.of(SharingRefusal.UPLINK_REFUSED, index, e.reason()));
            }
        }
        for (AuthorizationServerConfiguration server : configuration.authorizationServerConfigurations()) {
            if (!isHttps(server.serverUri())) {
                return CheckResult.rejected(SharingRejection.of(
                        SharingRefusal.AUTHORIZATION_SERVER_REFUSED, index, "serverUri"));
            }
        }
        for (CertPathValidationPolicy policy : configuration.certPathValidationPolicies()) {
            for (Base64Der anchor : policy.trustAnchors()) {
                if (!isCertificate(anchor)) {
                    return CheckResult.rejected(SharingRejection.of(
                            SharingRefusal.TRUST_ANCHOR_NOT_CERTIFICATE, index, "trustAnchors"));
                }
            }
        }
        return new CheckResult(Optional.of(new Pinned(endpoints, uplinks)), Optional.empty());
    }

    /** Either the pinned addresses or a rejection. */
    record CheckResult(Optional<Pinned> pinned, Optional<SharingRejection> rejection) {
        static CheckResult rejected(SharingRejection rejection) {
            return new CheckResult(Optional.empty(), Optional.of(rejection));
        }
    }

    private static boolean isHttps(URI uri) {
        return uri.getScheme() != null
                && uri.getScheme().toLowerCase(Locale.ROOT).equals("https")
                && uri.getHost() != null
                && uri.getRawUserInfo() == null;
    }

    private static boolean isCertificate(Base64Der der) {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der.der()));
            return true;
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }
}
