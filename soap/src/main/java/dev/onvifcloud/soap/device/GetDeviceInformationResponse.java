package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tds:GetDeviceInformationResponse: manufacturer, model, firmware version, serial number and hardware ID. */
public record GetDeviceInformationResponse(String manufacturer, String model, String firmwareVersion, String serialNumber, String hardwareId) implements SoapResponse {

    public GetDeviceInformationResponse {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(hardwareId, "hardwareId");
    }
}
