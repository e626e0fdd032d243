package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:SetAuthorizationServerConfiguration: replaces the configuration with the same token. */
public record SetAuthorizationServerConfiguration(AuthorizationServerConfiguration configuration) implements SoapRequest {

    public SetAuthorizationServerConfiguration {
        Objects.requireNonNull(configuration, "configuration");
    }
}
