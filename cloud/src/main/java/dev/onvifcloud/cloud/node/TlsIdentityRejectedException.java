package dev.onvifcloud.cloud.node;

import java.util.Objects;

/**
 * A {@link TlsIdentity} that TLS clients or cameras would refuse, or that does not hold together. {@link #reason()}
 * says what is wrong; the message says which certificate, by its subject.
 */
public final class TlsIdentityRejectedException extends IllegalArgumentException {

    /** Why a TLS identity was refused. */
    public enum Reason {
        /** The private key does not belong to the leaf certificate's public key. */
        KEY_MISMATCH,
        /** The private key is of an algorithm we cannot check (EC, RSA and EdDSA keys are supported). */
        UNSUPPORTED_KEY,
        /** A certificate of the chain is not issued and signed by the next one: the chain is not leaf first, in order. */
        CHAIN_OUT_OF_ORDER,
        /** The trust anchor neither is the chain's last certificate nor issued and signed it. */
        ANCHOR_UNRELATED,
        /** No trust anchor was given and the chain's last certificate is not self-signed. */
        ANCHOR_REQUIRED,
        /** A certificate of the chain is past its notAfter. */
        EXPIRED,
        /** A certificate of the chain is before its notBefore. */
        NOT_YET_VALID,
        /** The leaf's subjectAltNames do not name the node's public host: clients' host name checks would fail. */
        HOST_NOT_COVERED,
        /** The leaf has an extended key usage extension without serverAuth (or anyExtendedKeyUsage). */
        NOT_FOR_SERVER_AUTH
    }

    private final Reason reason;

    TlsIdentityRejectedException(Reason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
