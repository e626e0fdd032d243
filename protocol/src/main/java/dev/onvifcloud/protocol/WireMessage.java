package dev.onvifcloud.protocol;

/** A complete body of the Cloud Integration API: what {@link Json} reads and writes. */
public sealed interface WireMessage
        permits StartDeviceSharing, DeviceSharingCompleted, DeviceSharingError, GetAvailableFWImages,
                AvailableFWImages {}
