package dev.onvifcloud.soap.security;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** tas:Base64DERencodedASN1Value: DER bytes (a certificate, a CSR, an extension value...), base64 on the wire. */
public record Base64DERencodedASN1Value(byte[] der) {

    public Base64DERencodedASN1Value {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            throw new IllegalArgumentException("A DER value must not be empty");
        }
        der = der.clone();
    }

    /** A copy of the DER bytes. */
    @Override
    public byte[] der() {
        return der.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Base64DERencodedASN1Value that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    @Override
    public String toString() {
        return "DER[" + der.length + " bytes, " + HexFormat.of().formatHex(der, 0, Math.min(4, der.length)) + "...]";
    }
}
