package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import dev.onvifcloud.soap.ReferenceToken;
import java.util.Objects;

/** tas:DeleteAuthorizationServerConfiguration. */
public record DeleteAuthorizationServerConfiguration(ReferenceToken token) implements SoapRequest {

    public DeleteAuthorizationServerConfiguration {
        Objects.requireNonNull(token, "token");
    }
}
