package dev.onvifcloud.soap.events;

import dev.onvifcloud.soap.XmlElement;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** wsa:EndpointReferenceType: the address of a pull point or producer, with reference parameters as received. */
public record EndpointReference(URI address, Optional<XmlElement> referenceParameters) {

    public EndpointReference {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(referenceParameters, "referenceParameters");
    }

    /** A reference that is only an address. */
    public static EndpointReference of(URI address) {
        return new EndpointReference(address, Optional.empty());
    }
}
