package dev.onvifcloud.soap;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of the XML Schema simple types ONVIF messages use. Parsers throw
 * {@link TypeMismatch} for text that is not of the type.
 */
public final class XsdTypes {

    /** Text that is not a value of the expected XML Schema type. */
    public static final class TypeMismatch extends IllegalArgumentException {
        public TypeMismatch(String type) {
            super("not an " + type);
        }
    }

    private static final Pattern XS_DURATION =
            Pattern.compile("-?P(?=\\d|T\\d)(\\d+Y)?(\\d+M)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    private static final Pattern NCNAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}._\\-\\u00B7\\u0300-\\u036F]*");

    private XsdTypes() {
    }

    /** xs:boolean: {@code true}, {@code false}, {@code 1}, {@code 0}. */
    public static boolean parseBoolean(String text) {
        return switch (text.strip()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new TypeMismatch("xs:boolean");
        };
    }

    /** xs:int. */
    public static int parseInt(String text) {
        try {
            String value = text.strip();
            if (value.startsWith("+")) {
                value = value.substring(1);
            }
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TypeMismatch("xs:int");
        }
    }

    /**
     * xs:duration without years or months (they have no fixed length); {@code P1D} is 24 hours.
     */
    public static Duration parseDuration(String text) {
        String value = text.strip();
        if (!XS_DURATION.matcher(value).matches()) {
            throw new TypeMismatch("xs:duration");
        }
        boolean negative = value.startsWith("-");
        String positive = negative ? value.substring(1) : value;
        int t = positive.indexOf('T');
        String datePart = t < 0 ? positive : positive.substring(0, t);
        if (datePart.contains("Y") || datePart.contains("M")) {
            throw new TypeMismatch("xs:duration without years or months");
        }
        try {
            Duration duration = Duration.parse(positive);
            return negative ? duration.negated() : duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new TypeMismatch("xs:duration");
        }
    }

    /** xs:duration text for a duration (e.g. {@code PT1M30S}). */
    public static String formatDuration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration.negated().toString();
        }
        return duration.toString();
    }

    /** xs:dateTime; a value without time zone is taken as UTC. */
    public static Instant parseDateTime(String text) {
        String value = text.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new TypeMismatch("xs:dateTime");
            }
        }
    }

    /** xs:dateTime text in UTC with the {@code Z} indicator, as ONVIF requires; whole seconds are kept short. */
    public static String formatDateTime(Instant instant) {
        Instant value = instant.getNano() % 1_000_000 == 0 ? instant : instant.truncatedTo(ChronoUnit.MILLIS);
        return value.toString();
    }

    /** xs:anyURI (an RFC 3986 reference; relative references are allowed). */
    public static URI parseUri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new TypeMismatch("xs:anyURI");
        }
    }

    /** xs:base64Binary (whitespace allowed). */
    public static byte[] parseBase64(String text) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                compact.append(c);
            }
        }
        try {
            return Base64.getDecoder().decode(compact.toString());
        } catch (IllegalArgumentException e) {
            throw new TypeMismatch("xs:base64Binary");
        }
    }

    /** xs:base64Binary text without line breaks. */
    public static String formatBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A whitespace-separated list (tt:StringList and the like). */
    public static List<String> parseList(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.strip().split("[ \\t\\r\\n]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    /** Whether a string is an xs:NCName (approximated: letters, digits, {@code . - _}, not starting with a digit). */
    public static boolean isNcName(String text) {
        return NCNAME.matcher(text).matches();
    }
}
