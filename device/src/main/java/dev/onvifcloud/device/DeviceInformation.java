package dev.onvifcloud.device;

import java.util.Objects;

/**
 * Who the camera is, as GetDeviceInformation reports it.
 *
 * @param manufacturer    Manufacturer
 * @param model           Model
 * @param firmwareVersion FirmwareVersion
 * @param serialNumber    SerialNumber, also the camera's identity towards the clouds
 * @param hardwareId      HardwareId
 */
public record DeviceInformation(String manufacturer, String model, String firmwareVersion, String serialNumber,
                                String hardwareId) {

    public DeviceInformation {
        requireText(manufacturer, "manufacturer");
        requireText(model, "model");
        requireText(firmwareVersion, "firmwareVersion");
        requireText(serialNumber, "serialNumber");
        requireText(hardwareId, "hardwareId");
    }

    /** This camera after a firmware upgrade. */
    public DeviceInformation withFirmwareVersion(String version) {
        return new DeviceInformation(manufacturer, model, version, serialNumber, hardwareId);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
