package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.List;
import java.util.Objects;

/** tas:CreatePKCS10CSR: a PKCS#10 certification request for a keystore key, signed by the device. */
public record CreatePKCS10CSR(DistinguishedName subject, KeyID keyID, List<CSRAttribute> csrAttributes, AlgorithmIdentifier signatureAlgorithm) implements SoapRequest {

    public CreatePKCS10CSR {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyID, "keyID");
        csrAttributes = List.copyOf(csrAttributes);
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
    }
}
