package dev.onvifcloud.cloud.storage;

/** Why a camera held through an Operational Cloud Service uplink was not adopted ({@link DeviceStore#adopt}). */
public enum AdoptionRefusal {
    /** Another account owns the camera. */
    OWNED_BY_ANOTHER_ACCOUNT,
    /** The camera is known from its factory uplink and not claimed yet: only its claim code makes it anyone's. */
    AWAITING_CLAIM
}
