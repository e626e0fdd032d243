package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:GetKeyStatus. */
public record GetKeyStatus(KeyID keyID) implements SoapRequest {

    public GetKeyStatus {
        Objects.requireNonNull(keyID, "keyID");
    }
}
