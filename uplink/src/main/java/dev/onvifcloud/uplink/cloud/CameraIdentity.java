package dev.onvifcloud.uplink.cloud;

import java.util.Objects;

/** Who a connected camera is, as its credentials proved (token subject, certificate serial number, ...). */
public record CameraIdentity(String value) {

    public CameraIdentity {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("camera identity must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
