package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.XsdTypes;
import java.util.Objects;

/** tas:CertPathValidationPolicyID: an xs:NCName of at most 64 characters, unique in the keystore. */
public record CertPathValidationPolicyID(String value) {

    public CertPathValidationPolicyID {
        Objects.requireNonNull(value, "value");
        if (value.length() > 64 || !XsdTypes.isNcName(value)) {
            throw new IllegalArgumentException("CertPathValidationPolicyID must be an NCName of at most 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
