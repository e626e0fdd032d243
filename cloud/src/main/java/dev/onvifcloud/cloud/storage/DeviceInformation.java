package dev.onvifcloud.cloud.storage;

import java.util.Objects;

/**
 * What a camera reports of itself ({@code tds:GetDeviceInformationResponse}); each 1 to 128 characters.
 */
public record DeviceInformation(
        String manufacturer, String model, String firmwareVersion, String serialNumber, String hardwareId) {

    public DeviceInformation {
        require(manufacturer, "manufacturer");
        require(model, "model");
        require(firmwareVersion, "firmwareVersion");
        require(serialNumber, "serialNumber");
        require(hardwareId, "hardwareId");
    }

    private static void require(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException(name + " must be 1 to 128 characters, not blank");
        }
    }
}
