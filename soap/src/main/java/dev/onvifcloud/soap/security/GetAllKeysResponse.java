package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tas:GetAllKeysResponse. */
public record GetAllKeysResponse(List<KeyAttribute> keyAttributes) implements SoapResponse {

    public GetAllKeysResponse {
        keyAttributes = List.copyOf(keyAttributes);
    }
}
