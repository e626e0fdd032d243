package dev.onvifcloud.soap.uplink;

import java.util.Optional;

/** The Status of an uplink configuration (tup:ConnectionStatus); the constant names are the wire values. */
public enum ConnectionStatus {
    Offline, Connecting, Connected;

    /**
     * The status with this wire value. {@code Online}, the word older WSDL documentation used, is read as
     * {@link #Connected}.
     */
    public static Optional<ConnectionStatus> fromWire(String value) {
        String text = value.strip();
        if (text.equals("Online")) {
            return Optional.of(Connected);
        }
        for (ConnectionStatus status : values()) {
            if (status.name().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
