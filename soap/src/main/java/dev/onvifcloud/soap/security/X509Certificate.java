package dev.onvifcloud.soap.security;

import java.util.Objects;
import java.util.Optional;

/** tas:X509Certificate: a certificate in the keystore, linked to its key. */
public record X509Certificate(CertificateID certificateID, KeyID keyID, Optional<String> alias,
                              Base64DERencodedASN1Value certificateContent, Optional<Boolean> hasPrivateKey) {

    public X509Certificate {
        Objects.requireNonNull(certificateID, "certificateID");
        Objects.requireNonNull(keyID, "keyID");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(certificateContent, "certificateContent");
        Objects.requireNonNull(hasPrivateKey, "hasPrivateKey");
    }
}
