package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:CreateAuthorizationServerConfiguration. */
public record CreateAuthorizationServerConfiguration(AuthorizationServerConfigurationData configuration) implements SoapRequest {

    public CreateAuthorizationServerConfiguration {
        Objects.requireNonNull(configuration, "configuration");
    }
}
