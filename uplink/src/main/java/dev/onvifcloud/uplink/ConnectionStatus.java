package dev.onvifcloud.uplink;

/** The spec's {@code tup:ConnectionStatus}: the values GetUplinks reports in {@code Status}. */
public enum ConnectionStatus {
    Offline,
    Connecting,
    Connected
}
