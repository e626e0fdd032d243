package dev.onvifcloud.protocol;

import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Request body of {@code POST /startDeviceSharing} ({@code startDeviceSharing}): one configuration
 * per device to share, at least one, each with its own share token.
 */
public record StartDeviceSharing(List<DeviceConfiguration> deviceConfigurations) implements WireMessage {

    public StartDeviceSharing {
        deviceConfigurations = WireRules.copyNonEmpty(deviceConfigurations, "deviceConfigurations");
        Optional<Violation> violation = firstViolation(deviceConfigurations);
        if (violation.isPresent()) {
            throw violation.get().asIllegalArgument();
        }
    }

    /** A share token used twice would make {@code deviceSharingCompleted} ambiguous. */
    static Optional<Violation> firstViolation(List<DeviceConfiguration> deviceConfigurations) {
        Set<String> shareTokens = new HashSet<>();
        for (int i = 0; i < deviceConfigurations.size(); i++) {
            if (!shareTokens.add(deviceConfigurations.get(i).shareToken())) {
                return Optional.of(new Violation(
                        Pointer.ROOT.child("deviceConfigurations").child(i).child("shareToken"),
                        Reason.DUPLICATE_VALUE, "shareToken is already used by another deviceConfiguration"));
            }
        }
        return Optional.empty();
    }
}
