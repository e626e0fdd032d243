package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A camera of the registry.
 *
 * @param owner the owner's account; present unless {@link DeviceState#UNCLAIMED}
 * @param claimable whether a claim code is set for it
 */
public record Device(
        UUID id,
        DeviceInformation information,
        DeviceState state,
        Optional<UUID> owner,
        boolean claimable,
        Instant registeredAt,
        Instant lastSeenAt,
        Optional<Instant> claimedAt) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(claimedAt, "claimedAt");
        if ((state == DeviceState.UNCLAIMED) != owner.isEmpty()) {
            throw new IllegalArgumentException("a device has an owner unless it is UNCLAIMED");
        }
    }

    public String serialNumber() {
        return information.serialNumber();
    }
}
