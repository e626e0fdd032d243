package dev.onvifcloud.soap.security;

import java.util.Objects;

/** tas:BasicRequestAttribute: a PKCS#10 attribute given by OID and DER value. */
public record BasicRequestAttribute(String oid, Base64DERencodedASN1Value value) implements CSRAttribute {

    public BasicRequestAttribute {
        AlgorithmIdentifier.requireOid(oid, "OID");
        Objects.requireNonNull(value, "value");
    }
}
