package dev.onvifcloud.security.pki;

import java.util.Objects;

/**
 * {@link DevelopmentPki#importPem} was given entries that do not describe a usable development PKI.
 *
 * <p>Unchecked because {@code importPem} reloads what {@link DevelopmentPki#exportPem()} wrote: a rejection
 * means the persisted files were damaged or edited by hand. {@link #reason()} and {@link #entry()} say which
 * entry and what is wrong, without echoing its content.
 */
public final class DevelopmentPkiRejectedException extends IllegalArgumentException {

    /** Why an exported PKI could not be imported. */
    public enum Reason {
        /** A required entry is absent or blank. */
        MISSING_ENTRY,
        /** An entry that {@link DevelopmentPki#exportPem()} never writes. */
        UNKNOWN_ENTRY,
        /** Not exactly one PEM "CERTIFICATE" holding an X.509 certificate. */
        MALFORMED_CERTIFICATE,
        /** Not exactly one PEM "PRIVATE KEY" (PKCS#8) holding an EC private key. */
        MALFORMED_PRIVATE_KEY,
        /** The certificate is not a self-signed CA certificate allowed to sign certificates with an EC key. */
        NOT_A_CA_CERTIFICATE,
        /** The private key does not belong to the certificate's public key. */
        KEY_MISMATCH,
        /** The CA certificate is not valid at the clock's current instant. */
        NOT_VALID_NOW
    }

    private final Reason reason;
    private final String entry;

    DevelopmentPkiRejectedException(Reason reason, String entry) {
        super(reason + ": " + entry);
        this.reason = Objects.requireNonNull(reason);
        this.entry = Objects.requireNonNull(entry);
    }

    DevelopmentPkiRejectedException(Reason reason, String entry, Throwable cause) {
        this(reason, entry);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }

    /** The map key of the offending entry. */
    public String entry() {
        return entry;
    }
}
