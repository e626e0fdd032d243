package dev.onvifcloud.protocol;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The golden messages built in code: what reading them must yield. */
final class Fixtures {

    static final String START = "startDeviceSharing.json";
    static final String COMPLETED = "deviceSharingCompleted.json";

    private Fixtures() {}

    static String shareToken(int device) {
        return Golden.text(START, "/deviceConfigurations/" + device + "/shareToken");
    }

    static Base64Der uplinkRoot() {
        return der(Golden.text(START, "/deviceConfigurations/0/certPathValidationPolicies/0/trustAnchors/0"));
    }

    static Base64Der authorizationRoot() {
        return der(Golden.text(START, "/deviceConfigurations/0/certPathValidationPolicies/1/trustAnchors/0"));
    }

    static Base64Der deviceCertificationRequest() {
        return der(Golden.text(COMPLETED, "/devicePublicKey"));
    }

    static StartDeviceSharing startDeviceSharing() {
        DeviceConfiguration first = new DeviceConfiguration(
                shareToken(0),
                List.of(URI.create("https://ocs.example.net/onvif/deviceSharingCompleted"),
                        URI.create("https://ocs-backup.example.net/onvif/deviceSharingCompleted")),
                List.of(new UplinkConfiguration(URI.create("https://uplink.ocs.example.net/uplink"),
                                UserLevel.Administrator, "uplink-roots"),
                        new UplinkConfiguration(URI.create("https://uplink-eu.ocs.example.net:8443/uplink"),
                                UserLevel.Operator, "uplink-roots")),
                List.of(new AuthorizationServerConfiguration(
                        URI.create("https://auth.ocs.example.net/.well-known/openid-configuration"),
                        "device-SN12345", Optional.of("onvif-uplink"), "auth-roots")),
                List.of(new CertPathValidationPolicy("uplink-roots", List.of(uplinkRoot())),
                        new CertPathValidationPolicy("auth-roots", List.of(authorizationRoot(), uplinkRoot()))));
        DeviceConfiguration second = new DeviceConfiguration(
                shareToken(1),
                List.of(URI.create("https://ocs.example.net/onvif/deviceSharingCompleted")),
                List.of(new UplinkConfiguration(URI.create("https://uplink.ocs.example.net/uplink"),
                        UserLevel.User, "roots")),
                List.of(new AuthorizationServerConfiguration(
                        URI.create("https://auth.ocs.example.net/.well-known/oauth-authorization-server"),
                        "device-SN67890", Optional.empty(), "roots")),
                List.of(new CertPathValidationPolicy("roots", List.of(uplinkRoot()))));
        return new StartDeviceSharing(List.of(first, second));
    }

    static DeviceSharingCompleted deviceSharingCompleted() {
        return new DeviceSharingCompleted(shareToken(0), deviceCertificationRequest());
    }

    static GetAvailableFWImages getAvailableFWImages() {
        return new GetAvailableFWImages("CAM-4K");
    }

    static AvailableFWImages availableFWImages() {
        return new AvailableFWImages(List.of("2.1.0", "2.2.3", "3.0.0-beta.1"));
    }

    static Base64Der der(String base64) {
        try {
            return Base64Der.parse(base64);
        } catch (WireFormatException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
