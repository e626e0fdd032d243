package dev.onvifcloud.security.csr;

import java.util.Objects;

/** A certification request was refused; {@link #reason()} says why. The message never echoes the input. */
public final class CertificationRequestRejectedException extends Exception {

    /** Why a certification request was refused. */
    public enum Reason {
        /** Not base64 or PEM of exactly one DER-encoded PKCS#10 CertificationRequest (RFC 2986, version 1). */
        MALFORMED,
        /** Larger than the size limit, checked before decoding. */
        TOO_LARGE,
        /** The self-signature does not verify: no proof of possession of the private key, or altered content. */
        BAD_SIGNATURE,
        /** A supported key type that is too weak: RSA under 2048 bits or with a small or even exponent, EC curves
         * under 256 bits. */
        WEAK_KEY,
        /** A key type or curve we do not accept (DSA, EdDSA, RSASSA-PSS keys, secp256k1, Brainpool, explicit curve
         * parameters, RSA over 8192 bits, ...). */
        UNSUPPORTED_KEY,
        /** A signature algorithm we do not accept (SHA-1, MD5, DSA, RSASSA-PSS, ...) or one that does not fit the
         * key. */
        UNSUPPORTED_SIGNATURE_ALGORITHM
    }

    private final Reason reason;

    CertificationRequestRejectedException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason);
    }

    CertificationRequestRejectedException(Reason reason, String detail, Throwable cause) {
        this(reason, detail);
        initCause(cause);
    }

    public Reason reason() {
        return reason;
    }
}
