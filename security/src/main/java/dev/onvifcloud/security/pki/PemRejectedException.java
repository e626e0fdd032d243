package dev.onvifcloud.security.pki;

import java.util.Objects;

/**
 * {@link PemReader} was given text that is not what was asked for. {@link #reason()} says what is wrong; the message
 * names the offending block by its position and PEM label, never by its content.
 */
public final class PemRejectedException extends IllegalArgumentException {

    /** Why PEM text was refused. */
    public enum Reason {
        /** More than {@link PemReader#MAX_BYTES}. */
        TOO_LARGE,
        /** More than {@link PemReader#MAX_CERTIFICATES} certificates. */
        TOO_MANY_CERTIFICATES,
        /** No PEM block at all, or none of the kind asked for. */
        NOTHING_FOUND,
        /** A block of another kind than asked for (a private key among certificates, a certificate with a key, ...). */
        UNEXPECTED_BLOCK,
        /** More than one private key. */
        MORE_THAN_ONE_PRIVATE_KEY,
        /** An encrypted private key ({@code ENCRYPTED PRIVATE KEY}, or {@code Proc-Type: 4,ENCRYPTED}). */
        ENCRYPTED_PRIVATE_KEY,
        /** A block that is not valid PEM, base64 or DER of its kind, or a key of an algorithm the JDK cannot load. */
        MALFORMED
    }

    private final Reason reason;

    PemRejectedException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    PemRejectedException(Reason reason, String detail, Throwable cause) {
        this(reason, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }
}
