package dev.onvifcloud.cloud.registry;

import dev.onvifcloud.cloud.storage.DeviceInformation;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A camera whose uplink is up (its factory uplink, or one another component identified it on) and who answered
 * GetDeviceInformation on it.
 *
 * @param deviceId the camera in the device store
 * @param information what it reported
 * @param client its uplink, for standard ONVIF operations
 * @param since when it was recorded online
 */
public record OnlineDevice(UUID deviceId, DeviceInformation information, OnvifClient client, Instant since) {

    public OnlineDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(since, "since");
    }

    public String serialNumber() {
        return information.serialNumber();
    }

    /** Whether its uplink session is still open. */
    public boolean isOpen() {
        return client.session().isOpen();
    }
}
