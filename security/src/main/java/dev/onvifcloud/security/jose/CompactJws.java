package dev.onvifcloud.security.jose;

import com.nimbusds.jose.HeaderParameterNames;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1), parsed at the edge and not yet trusted: the
 * header is decoded and checked, the signature is not verified, the claims are decoded only on demand
 * ({@link #claims()}).
 *
 * <p>{@link #parse} checks, in this order: the length (before decoding anything), the alphabet and the
 * three segments, canonical unpadded base64url in every segment, a JSON object header, an {@code alg}
 * among the accepted ones ({@code none} never is), no {@code crit} parameter, and a non-empty
 * signature. Header parameters that point at keys ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c})
 * are never used: keys come from the verifier's configuration only.
 */
public final class CompactJws {

    private final String serialized;
    private final JWSHeader header;
    private final byte[] signingInput;
    private final byte[] payload;
    private final Base64URL signature;
    private final byte[] signatureBytes;
    /** The decoded claims once {@link #claims()} has decoded them: immutable, so a data race only decodes twice. */
    private TokenClaims claims;

    private CompactJws(String serialized, JWSHeader header, byte[] signingInput, byte[] payload, Base64URL signature,
            byte[] signatureBytes) {
        this.serialized = serialized;
        this.header = header;
        this.signingInput = signingInput;
        this.payload = payload;
        this.signature = signature;
        this.signatureBytes = signatureBytes;
    }

    /**
     * Parses a compact JWS.
     *
     * @param compact the serialization, e.g. as received in a request
     * @param maxLength the longest serialization accepted, in characters (all of them ASCII, so also bytes)
     * @param acceptedAlgorithms the {@code alg} values accepted; anything outside
     *     {@link VerificationKey#SUPPORTED_ALGORITHMS} is refused even if listed here
     * @throws TokenRejectedException with {@link RejectionReason#TOO_LARGE}, {@link RejectionReason#MALFORMED},
     *     {@link RejectionReason#UNSUPPORTED_ALGORITHM} or {@link RejectionReason#UNSUPPORTED_CRITICAL_HEADER}
     */
    public static CompactJws parse(String compact, int maxLength, Set<JWSAlgorithm> acceptedAlgorithms)
            throws TokenRejectedException {
        Objects.requireNonNull(compact, "compact");
        Objects.requireNonNull(acceptedAlgorithms, "acceptedAlgorithms");
        if (compact.length() > maxLength) {
            throw new TokenRejectedException(RejectionReason.TOO_LARGE);
        }
        int firstDot = -1;
        int secondDot = -1;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                if (firstDot < 0) {
                    firstDot = i;
                } else if (secondDot < 0) {
                    secondDot = i;
                } else {
                    throw malformed(); // more than three segments, e.g. a JWE
                }
            } else if (!isBase64UrlChar(c)) {
                throw malformed();
            }
        }
        if (secondDot < 0) {
            throw malformed();
        }
        String headerPart = compact.substring(0, firstDot);
        String payloadPart = compact.substring(firstDot + 1, secondDot);
        String signaturePart = compact.substring(secondDot + 1);

        Map<String, Object> headerJson = parseJsonObject(decodeCanonical(headerPart));
        Object alg = headerJson.get(HeaderParameterNames.ALGORITHM);
        if (!(alg instanceof String)) {
            throw malformed();
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse((String) alg);
        if (!VerificationKey.SUPPORTED_ALGORITHMS.contains(algorithm) || !acceptedAlgorithms.contains(algorithm)) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_ALGORITHM);
        }
        if (headerJson.containsKey(HeaderParameterNames.CRITICAL)) {
            throw new TokenRejectedException(RejectionReason.UNSUPPORTED_CRITICAL_HEADER);
        }
        JWSHeader header;
        try {
            header = JWSHeader.parse(headerJson, new Base64URL(headerPart));
        } catch (ParseException | RuntimeException e) {
            throw malformed();
        }
        byte[] payload = decodeCanonical(payloadPart);
        if (signaturePart.isEmpty()) {
            throw malformed();
        }
        byte[] signatureBytes = decodeCanonical(signaturePart);
        return new CompactJws(
                compact,
                header,
                compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII),
                payload,
                new Base64URL(signaturePart),
                signatureBytes);
    }

    /** The compact serialization as parsed. */
    public String serialized() {
        return serialized;
    }

    /** The parsed header. */
    public JWSHeader header() {
        return header;
    }

    /** The header's {@code alg}, one of {@link VerificationKey#SUPPORTED_ALGORITHMS}. */
    public JWSAlgorithm algorithm() {
        return header.getAlgorithm();
    }

    /** The header's {@code kid}. */
    public Optional<String> keyId() {
        return Optional.ofNullable(header.getKeyID());
    }

    /** The header's {@code typ}. */
    public Optional<JOSEObjectType> type() {
        return Optional.ofNullable(header.getType());
    }

    /** The ASCII bytes of {@code header.payload} as received: what the signature covers. */
    public byte[] signingInput() {
        return signingInput.clone();
    }

    /** {@link #signingInput()}, not copied: for the verifiers of this package, which only read it. */
    byte[] signingInputBytes() {
        return signingInput;
    }

    /** The signature segment. */
    public Base64URL signature() {
        return signature;
    }

    /** The signature segment decoded, not copied: for the verifiers of this package, which only read it. */
    byte[] signatureBytes() {
        return signatureBytes;
    }

    /**
     * Decodes the payload as a JWT claims set: a JSON object, UTF-8, without duplicate member names. Decoded once:
     * later calls return the same claims.
     *
     * @throws TokenRejectedException {@link RejectionReason#MALFORMED} otherwise
     */
    public TokenClaims claims() throws TokenRejectedException {
        TokenClaims decoded = claims;
        if (decoded == null) {
            decoded = new TokenClaims(parseJsonObject(payload));
            claims = decoded;
        }
        return decoded;
    }

    static TokenRejectedException malformed() {
        return new TokenRejectedException(RejectionReason.MALFORMED);
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /**
     * Decodes unpadded base64url (the segment holds base64url characters only), refusing non-canonical encodings so
     * that no two strings decode alike: a length of 1 modulo 4, and unused bits that are not zero in the last
     * character (the low 4 bits after 2 characters of a group, the low 2 bits after 3).
     */
    private static byte[] decodeCanonical(String segment) throws TokenRejectedException {
        int partial = segment.length() % 4;
        if (partial == 1) {
            throw malformed();
        }
        if (partial != 0) {
            int unusedBits = partial == 2 ? 0x0f : 0x03;
            if ((base64UrlValue(segment.charAt(segment.length() - 1)) & unusedBits) != 0) {
                throw malformed();
            }
        }
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    /** The 6-bit value of a base64url character. */
    private static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    private static Map<String, Object> parseJsonObject(byte[] utf8) throws TokenRejectedException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw malformed();
        }
        if (object == null) {
            throw malformed();
        }
        return object;
    }
}
