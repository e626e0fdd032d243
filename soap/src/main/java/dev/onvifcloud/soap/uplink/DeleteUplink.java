package dev.onvifcloud.soap.uplink;

import dev.onvifcloud.soap.SoapRequest;
import java.net.URI;
import java.util.Objects;

/** tup:DeleteUplink: removes the uplink configuration with this remote address. */
public record DeleteUplink(URI remoteAddress) implements SoapRequest {

    public DeleteUplink {
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
}
