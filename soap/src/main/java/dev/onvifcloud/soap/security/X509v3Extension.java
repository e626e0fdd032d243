package dev.onvifcloud.soap.security;

import java.util.Objects;

/** tas:X509v3Extension: an extension to request (RFC 5280), its value DER-encoded. */
public record X509v3Extension(String extnOID, boolean critical, Base64DERencodedASN1Value extnValue)
        implements CSRAttribute {

    public X509v3Extension {
        AlgorithmIdentifier.requireOid(extnOID, "extnOID");
        Objects.requireNonNull(extnValue, "extnValue");
    }
}
