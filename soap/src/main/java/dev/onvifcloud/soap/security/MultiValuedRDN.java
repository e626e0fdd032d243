package dev.onvifcloud.soap.security;

import java.util.List;

/** tas:MultiValuedRDN: a relative distinguished name with several attributes. */
public record MultiValuedRDN(List<DNAttributeTypeAndValue> attributes) {

    public MultiValuedRDN {
        attributes = List.copyOf(attributes);
    }
}
