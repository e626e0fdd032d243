package dev.onvifcloud.device.state;

import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.KeyID;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** A certificate in the keystore, linked to the key that holds its public key. */
public record StoredCertificate(CertificateID id, KeyID keyId, Optional<String> alias, X509Certificate certificate) {

    public StoredCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(certificate, "certificate");
    }
}
