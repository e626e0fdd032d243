package dev.onvifcloud.soap.security;

import dev.onvifcloud.soap.SoapRequest;
import java.util.Objects;
import java.util.Optional;

/** tas:CreateECCKeyPair: generate an elliptic curve key pair (e.g. EllipticCurve {@code secp256r1}). */
public record CreateECCKeyPair(String ellipticCurve, Optional<String> alias) implements SoapRequest {

    public CreateECCKeyPair {
        Objects.requireNonNull(ellipticCurve, "ellipticCurve");
        if (ellipticCurve.isBlank()) {
            throw new IllegalArgumentException("EllipticCurve must not be blank");
        }
        Objects.requireNonNull(alias, "alias");
    }
}
