package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import dev.onvifcloud.soap.ReferenceToken;
import java.util.Objects;

/** tas:CreateAuthorizationServerConfigurationResponse: the new configuration's token. */
public record CreateAuthorizationServerConfigurationResponse(ReferenceToken token) implements SoapResponse {

    public CreateAuthorizationServerConfigurationResponse {
        Objects.requireNonNull(token, "token");
    }
}
