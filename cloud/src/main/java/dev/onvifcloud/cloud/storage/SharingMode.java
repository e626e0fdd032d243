package dev.onvifcloud.cloud.storage;

/** What a share token allows: sharing the camera, or transferring it (this cloud then loses access). */
public enum SharingMode {
    SHARE,
    TRANSFER
}
