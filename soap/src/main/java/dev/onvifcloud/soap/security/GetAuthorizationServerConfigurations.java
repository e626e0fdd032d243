package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.ReferenceToken;
import java.util.Objects;
import java.util.Optional;

/** tas:GetAuthorizationServerConfigurations: one configuration by token, or all. */
public record GetAuthorizationServerConfigurations(Optional<ReferenceToken> token) implements SoapRequest {

    public GetAuthorizationServerConfigurations {
        Objects.requireNonNull(token, "token");
    }
}
