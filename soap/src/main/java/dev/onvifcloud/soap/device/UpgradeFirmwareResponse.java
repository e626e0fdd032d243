package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.SoapResponse;
import java.time.Duration;
import java.util.Objects;

/** tds:UpgradeFirmwareResponse: how long the device expects to be unavailable. */
public record UpgradeFirmwareResponse(Duration expectedDownTime) implements SoapResponse {

    public UpgradeFirmwareResponse {
        Objects.requireNonNull(expectedDownTime, "expectedDownTime");
        if (expectedDownTime.isNegative()) {
            throw new IllegalArgumentException("ExpectedDownTime must not be negative");
        }
    }
}
