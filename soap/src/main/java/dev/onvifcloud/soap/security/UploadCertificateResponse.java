package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapResponse;
import java.util.Objects;

/** tas:UploadCertificateResponse. */
public record UploadCertificateResponse(CertificateID certificateID, KeyID keyID) implements SoapResponse {

    public UploadCertificateResponse {
        Objects.requireNonNull(certificateID, "certificateID");
        Objects.requireNonNull(keyID, "keyID");
    }
}
