package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;
import java.util.Optional;

/** tas:UploadCertificate: store a DER X.509 certificate, linked to the key pair holding its public key. */
public record UploadCertificate(Base64DERencodedASN1Value certificate, Optional<String> alias, Optional<String> keyAlias, Optional<Boolean> privateKeyRequired) implements SoapRequest {

    public UploadCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(keyAlias, "keyAlias");
        Objects.requireNonNull(privateKeyRequired, "privateKeyRequired");
    }
}
