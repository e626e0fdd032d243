package dev.onvifcloud.cloud.storage;

/** Why a claim (serial number + claim code) was refused. */
public enum ClaimRefusal {
    /** No camera with this serial number. */
    UNKNOWN_DEVICE,
    /** The camera has no claim code set: it cannot be claimed. */
    NOT_CLAIMABLE,
    /** The claim code is wrong. */
    WRONG_CLAIM_CODE,
    /** The claim code is right but the camera already has an owner (or was transferred). */
    ALREADY_CLAIMED
}
