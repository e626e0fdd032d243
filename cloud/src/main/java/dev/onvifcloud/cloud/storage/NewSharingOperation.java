package dev.onvifcloud.cloud.storage;

import java.util.Objects;
import java.util.UUID;

/**
 * One device configuration of a {@code startDeviceSharing} request, to be persisted as a sharing operation.
 *
 * @param id the operation's id, chosen by the caller
 * @param tokenJti the {@code jti} of the configuration's share token (signature and claims verified already)
 * @param deviceConfiguration the {@code deviceConfiguration} as JSON text, everything the worker needs to
 *     configure the camera and to notify the Operational Cloud Service
 */
public record NewSharingOperation(UUID id, String tokenJti, String deviceConfiguration) {

    public NewSharingOperation {
        Objects.requireNonNull(id, "id");
        IssuedShareToken.requireJti(tokenJti);
        Objects.requireNonNull(deviceConfiguration, "deviceConfiguration");
        if (deviceConfiguration.isBlank()) {
            throw new IllegalArgumentException("deviceConfiguration must not be blank");
        }
    }
}
