package dev.onvifcloud.protocol;

import dev.onvifcloud.protocol.WireFormatException.Reason;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A DER-encoded ASN.1 value carried as standard base64 (the {@code base64DerEncodedAsn1Value} schema,
 * {@code tas:Base64DERencodedASN1Value} of the Security Service): a certificate, a public key or a
 * PKCS#10 certification request. Holds one well-formed DER SEQUENCE whose definite, minimally encoded
 * length covers exactly the bytes; the content inside is not checked here. Immutable; equal by content.
 */
public final class Base64Der {

    private static final int SEQUENCE = 0x30;

    private final byte[] der;

    private Base64Der(byte[] der) {
        this.der = der;
    }

    /**
     * The value for DER bytes, copied.
     *
     * @throws IllegalArgumentException if the bytes are not one DER SEQUENCE
     */
    public static Base64Der of(byte[] der) {
        byte[] copy = Objects.requireNonNull(der, "der").clone();
        derProblem(copy).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return new Base64Der(copy);
    }

    /**
     * Parses standard base64 (RFC 4648, section 4: the {@code +/} alphabet, padded, no whitespace, no
     * line breaks, no non-zero padding bits) of one DER SEQUENCE.
     *
     * @throws WireFormatException with reason {@link Reason#INVALID_FORMAT} and the empty pointer
     */
    public static Base64Der parse(String base64) throws WireFormatException {
        Objects.requireNonNull(base64, "base64");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(Reason.INVALID_FORMAT, "", "not standard base64");
        }
        // The JDK decoder accepts missing padding and non-zero padding bits: only the canonical form passes.
        if (!Base64.getEncoder().encodeToString(der).equals(base64)) {
            throw new WireFormatException(Reason.INVALID_FORMAT, "", "not standard base64 (padding)");
        }
        var problem = derProblem(der);
        if (problem.isPresent()) {
            throw new WireFormatException(Reason.INVALID_FORMAT, "", problem.get());
        }
        return new Base64Der(der);
    }

    private static Optional<String> derProblem(byte[] der) {
        if (der.length < 2) {
            return Optional.of("not DER: too short");
        }
        if ((der[0] & 0xff) != SEQUENCE) {
            return Optional.of("not DER: not a SEQUENCE");
        }
        int first = der[1] & 0xff;
        long contentLength;
        int headerLength;
        if (first < 0x80) {
            contentLength = first;
            headerLength = 2;
        } else if (first == 0x80) {
            return Optional.of("not DER: indefinite length");
        } else {
            int lengthOctets = first & 0x7f;
            if (lengthOctets > 4) {
                return Optional.of("not DER: length too large");
            }
            if (der.length < 2 + lengthOctets) {
                return Optional.of("not DER: truncated length");
            }
            if (der[2] == 0) {
                return Optional.of("not DER: length not minimally encoded");
            }
            contentLength = 0;
            for (int i = 0; i < lengthOctets; i++) {
                contentLength = (contentLength << 8) | (der[2 + i] & 0xff);
            }
            if (contentLength < 0x80) {
                return Optional.of("not DER: length not minimally encoded");
            }
            headerLength = 2 + lengthOctets;
        }
        if (headerLength + contentLength != der.length) {
            return Optional.of("not DER: length does not cover exactly the bytes");
        }
        return Optional.empty();
    }

    /** The DER bytes, copied. */
    public byte[] der() {
        return der.clone();
    }

    /** The standard, padded base64 form, as written on the wire. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(der);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Base64Der that && Arrays.equals(der, that.der);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(der);
    }

    /** Length only: the content is not written to logs. */
    @Override
    public String toString() {
        return "Base64Der[" + der.length + " bytes]";
    }
}
