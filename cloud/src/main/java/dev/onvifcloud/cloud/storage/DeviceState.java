package dev.onvifcloud.cloud.storage;

/** Where a camera of the registry stands with its owner. */
public enum DeviceState {
    /** Known from its factory uplink, no owner yet. */
    UNCLAIMED,
    /** Claimed by an owner, who may share or transfer it. */
    CLAIMED,
    /** Transferred to an Operational Cloud Service: this cloud no longer manages it. */
    TRANSFERRED
}
