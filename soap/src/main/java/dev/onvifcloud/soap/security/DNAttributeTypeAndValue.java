package dev.onvifcloud.soap.security;

import java.util.Objects;

/** tas:DNAttributeTypeAndValue: a distinguished name attribute given by its OID. */
public record DNAttributeTypeAndValue(String type, String value) {

    public DNAttributeTypeAndValue {
        AlgorithmIdentifier.requireOid(type, "Type");
        Objects.requireNonNull(value, "value");
    }
}
