package dev.onvifcloud.soap.device;

import dev.onvifcloud.soap.XmlElement;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * tds:Service: a service of the device, its address, version and, if asked for, its capabilities element
 * (e.g. {@code tup:Capabilities}) as received.
 */
public record Service(URI namespace, URI xAddr, Optional<XmlElement> capabilities, OnvifVersion version) {

    public Service {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(xAddr, "xAddr");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(version, "version");
    }
}
