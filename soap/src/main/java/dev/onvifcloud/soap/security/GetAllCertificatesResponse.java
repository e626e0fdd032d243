package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.List;

/** tas:GetAllCertificatesResponse. */
public record GetAllCertificatesResponse(List<X509Certificate> certificates) implements SoapResponse {

    public GetAllCertificatesResponse {
        certificates = List.copyOf(certificates);
    }
}
