package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The device registry: cameras known from their factory uplinks, claimed by owners. */
public interface DeviceStore {

    /**
     * Records that a camera connected its factory uplink and reported {@code information}: registers it
     * (UNCLAIMED) the first time, else updates what it reports and when it was last seen.
     */
    Device recordSeen(DeviceInformation information, Instant now);

    /** Sets the claim code of a camera (from the factory's records); false when the camera is unknown. */
    boolean setClaimCode(String serialNumber, ClaimCodeHash claimCode);

    /**
     * Makes {@code owner} the owner of the camera if {@code claimCode} is its claim code and it has no owner.
     * The code is checked before the state, so a wrong code reveals nothing about ownership.
     */
    Outcome<Device, ClaimRefusal> claim(String serialNumber, String claimCode, UUID owner, Instant now);

    /**
     * Makes {@code owner} the owner of a camera it holds as an Operational Cloud Service (shared or transferred to it,
     * its identity verified on its uplink), without claim code, so that it can share or transfer the camera on as a
     * Provisioning Cloud Service. Registers the camera CLAIMED the first time; a camera the same account owns already
     * is accepted again (its information and last-seen time updated); a camera transferred away before is owned
     * again. Refused when another account owns it, or when it is known from its factory uplink and not claimed.
     */
    Outcome<Device, AdoptionRefusal> adopt(DeviceInformation information, UUID owner, Instant now);

    /** Records that the camera was transferred away (this cloud no longer manages it); false unless it was CLAIMED. */
    boolean markTransferred(UUID deviceId, Instant now);

    Optional<Device> find(UUID deviceId);

    Optional<Device> findBySerialNumber(String serialNumber);

    List<Device> findByOwner(UUID owner);
}
