package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:CreatePKCS10CSRResponse: the DER-encoded PKCS#10 request. */
public record CreatePKCS10CSRResponse(Base64DERencodedASN1Value pkcs10CSR) implements SoapResponse {

    public CreatePKCS10CSRResponse {
        Objects.requireNonNull(pkcs10CSR, "pkcs10CSR");
    }
}
