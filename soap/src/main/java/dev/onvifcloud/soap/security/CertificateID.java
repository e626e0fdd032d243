package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.XsdTypes;
import java.util.Objects;

/** tas:CertificateID: an xs:NCName of at most 64 characters, unique in the keystore. */
public record CertificateID(String value) {

    public CertificateID {
        Objects.requireNonNull(value, "value");
        if (value.length() > 64 || !XsdTypes.isNcName(value)) {
            throw new IllegalArgumentException("CertificateID must be an NCName of at most 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
