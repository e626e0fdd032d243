package dev.onvifcloud.soap.security;

import java.util.Objects;
import java.util.Optional;

/** tas:CertPathValidationParameters; absent values mean the schema default, false. */
public record CertPathValidationParameters(Optional<Boolean> requireTLSWWWClientAuthExtendedKeyUsage,
                                           Optional<Boolean> useDeltaCRLs) {

    public CertPathValidationParameters {
        Objects.requireNonNull(requireTLSWWWClientAuthExtendedKeyUsage, "requireTLSWWWClientAuthExtendedKeyUsage");
        Objects.requireNonNull(useDeltaCRLs, "useDeltaCRLs");
    }

    /** No parameter set: the defaults. */
    public static CertPathValidationParameters defaults() {
        return new CertPathValidationParameters(Optional.empty(), Optional.empty());
    }
}
