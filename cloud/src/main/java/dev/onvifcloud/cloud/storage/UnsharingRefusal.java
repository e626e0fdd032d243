package dev.onvifcloud.cloud.storage;

/** Why {@link SharingOperationStore#unshare} refused to un-share an operation. */
public enum UnsharingRefusal {
    /** No such operation. */
    UNKNOWN,
    /** The camera is not configured yet, or configuring failed: there is nothing to un-share. */
    NOT_COMPLETED,
    /** Un-shared already, or being un-shared. */
    ALREADY_UNSHARED,
    /** A transfer cannot be un-shared: the camera is the Operational Cloud Service's. */
    TRANSFER,
    /** The camera is transferred, or being transferred: this cloud no longer manages it. */
    DEVICE_NOT_CLAIMED
}
