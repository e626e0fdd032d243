package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.ReferenceToken;
import java.util.Objects;

/** tas:AuthorizationServerConfiguration: a stored configuration and its token. */
public record AuthorizationServerConfiguration(ReferenceToken token, AuthorizationServerConfigurationData data) {

    public AuthorizationServerConfiguration {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(data, "data");
    }
}
