package dev.onvifcloud.soap;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP {@code Content-Type} of a SOAP message: {@code application/soap+xml} for SOAP 1.2, with charset and
 * the optional {@code action} parameter (RFC 3902).
 */
public record SoapContentType(String mediaType, String charset, Optional<String> action) {

    /** The SOAP 1.2 media type. */
    public static final String SOAP_12 = "application/soap+xml";
    /** The SOAP 1.1 media type, only recognised to answer with a VersionMismatch fault. */
    public static final String SOAP_11 = "text/xml";

    public SoapContentType {
        mediaType = Objects.requireNonNull(mediaType, "mediaType").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(action, "action");
        action.ifPresent(value -> {
            if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("An action must not contain quotes, backslashes or controls");
            }
        });
    }

    /** {@code application/soap+xml; charset=utf-8; action="..."}. */
    public static SoapContentType forAction(String action) {
        return new SoapContentType(SOAP_12, "utf-8", Optional.of(action));
    }

    /** Parses a {@code Content-Type} header value; throws {@link IllegalArgumentException} if it is not one. */
    public static SoapContentType parse(String header) {
        String[] parts = header.split(";");
        String mediaType = parts[0].strip();
        if (mediaType.isEmpty() || mediaType.indexOf('/') < 0) {
            throw new IllegalArgumentException("Not a media type");
        }
        String charset = "utf-8";
        Optional<String> action = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.equals("charset")) {
                charset = value.toLowerCase(Locale.ROOT);
            } else if (key.equals("action")) {
                action = Optional.of(value);
            }
        }
        return new SoapContentType(mediaType, charset, action);
    }

    /** Whether this is SOAP 1.2. */
    public boolean isSoap12() {
        return SOAP_12.equals(mediaType);
    }

    /** Whether this is SOAP 1.1 (to be answered with a VersionMismatch fault). */
    public boolean isSoap11() {
        return SOAP_11.equals(mediaType);
    }

    @Override
    public String toString() {
        return mediaType + "; charset=" + charset + action.map(value -> "; action=\"" + value + "\"").orElse("");
    }
}
