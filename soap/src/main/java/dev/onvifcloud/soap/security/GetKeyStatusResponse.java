package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:GetKeyStatusResponse. */
public record GetKeyStatusResponse(KeyStatus keyStatus) implements SoapResponse {

    public GetKeyStatusResponse {
        Objects.requireNonNull(keyStatus, "keyStatus");
    }
}
