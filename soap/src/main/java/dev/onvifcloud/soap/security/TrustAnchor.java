package dev.onvifcloud.soap.security;

import java.util.Objects;

/** tas:TrustAnchor: a keystore certificate trusted by a certification path validation policy. */
public record TrustAnchor(CertificateID certificateID) {

    public TrustAnchor {
        Objects.requireNonNull(certificateID, "certificateID");
    }
}
