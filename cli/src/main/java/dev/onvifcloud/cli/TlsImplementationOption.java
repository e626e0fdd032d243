package dev.onvifcloud.cli;

import dev.onvifcloud.uplink.TlsImplementation;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The {@code --tls-implementation} setting of the commands that run clouds or cameras: {@code auto}, {@code openssl}
 * or {@code jdk} ({@link TlsImplementation}). Picocli checks a flag with {@link #convert}, naming the accepted values;
 * {@link #resolve} checks a value from the environment or a file the same way.
 */
final class TlsImplementationOption implements CommandLine.ITypeConverter<String> {

    /** The setting's key in a configuration file (and, upper-cased, in the environment). */
    static final String KEY = "tls-implementation";
    static final String LABEL = "auto|openssl|jdk";
    /** The variable every command reads when its own ({@code ONVIF_CLOUD_MCS_TLS_IMPLEMENTATION}, ...) is not set. */
    static final String SHARED_ENVIRONMENT_VARIABLE = "ONVIF_CLOUD_TLS_IMPLEMENTATION";
    static final String DESCRIPTION = "TLS implementation: auto uses OpenSSL (BoringSSL) where its native library"
            + " loads, the JDK's otherwise; openssl or jdk insists on one. Also read from "
            + SHARED_ENVIRONMENT_VARIABLE + " (default: ${DEFAULT-VALUE}).";

    /** The value picocli keeps: the implementation's lower-case name. */
    @Override
    public String convert(String value) {
        try {
            return name(TlsImplementation.parse(value));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    static String name(TlsImplementation implementation) {
        return implementation.name().toLowerCase(Locale.ROOT);
    }

    /** The implementation a command's configuration asks for; an unknown value is a problem naming its origin. */
    static TlsImplementation resolve(Configuration configuration, Configuration.Problems problems) {
        String text = configuration.text(KEY).orElse(name(TlsImplementation.defaultChoice()));
        try {
            return TlsImplementation.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(KEY + ": " + e.getMessage() + " (from " + configuration.origin(KEY) + ")");
            return TlsImplementation.defaultChoice();
        }
    }

    /** The accepted values, for shell completion. */
    static final class Choices implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(TlsImplementation.values()).map(TlsImplementationOption::name).iterator();
        }
    }
}
