package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;

/** tas:DeleteCertificate. */
public record DeleteCertificate(CertificateID certificateID) implements SoapRequest {

    public DeleteCertificate {
        Objects.requireNonNull(certificateID, "certificateID");
    }
}
