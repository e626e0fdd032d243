package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tds:UpgradeFirmware: cloud firmware upgrade to a Version the manufacturer cloud offers; the device and the MCS do the rest. */
public record UpgradeFirmware(String version) implements SoapRequest {

    public UpgradeFirmware {
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("Version must not be blank");
        }
    }
}
