package dev.onvifcloud.uplink;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which TLS implementation the Netty endpoints use: BoringSSL through netty-tcnative ({@link #OPENSSL}), the
 * JDK's own ({@link #JDK}), or {@link #AUTO}, the default: OpenSSL when its native library loads (and, for a
 * context that negotiates ALPN, supports ALPN), the JDK otherwise. Both are configured alike (TLS 1.3 and 1.2,
 * the same trust anchors, host name check and client authentication); OpenSSL does the handshake's key
 * exchange and signatures natively, several times faster than JDK 17's pure-Java EC code.
 *
 * <p>Libraries take this as a setting; only the command line reads it from outside (see {@link #parse}).
 * The first time each outcome is resolved, it is logged once at INFO with its reason.
 */
public enum TlsImplementation {

    /** OpenSSL when available (with ALPN where a context needs it), the JDK otherwise. The default. */
    AUTO,
    /** BoringSSL through netty-tcnative; a context cannot be built when the native library does not load. */
    OPENSSL,
    /** The JDK's TLS implementation. */
    JDK;

    private static final Logger LOG = LoggerFactory.getLogger(TlsImplementation.class);
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    /** The choice when nothing is configured: {@link #AUTO}. */
    public static TlsImplementation defaultChoice() {
        return AUTO;
    }

    /**
     * Parses a configured value: {@code auto}, {@code openssl} or {@code jdk}, in any case, surrounding blanks
     * ignored (e.g. from a {@code onvifcloud.tls.provider} system property or a command-line option).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static TlsImplementation parse(String value) {
        Objects.requireNonNull(value, "value");
        String name = value.strip().toUpperCase(Locale.ROOT);
        for (TlsImplementation candidate : values()) {
            if (candidate.name().equals(name)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown TLS implementation '" + value + "': expected one of "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /**
     * The Netty provider for a context that negotiates no application protocol.
     *
     * @throws IllegalStateException for {@link #OPENSSL} when the native library does not load (with its cause)
     */
    public SslProvider sslProvider() {
        return resolve(false);
    }

    /**
     * The Netty provider for a context that negotiates ALPN ({@code h2}, {@code http/1.1}).
     *
     * @throws IllegalStateException for {@link #OPENSSL} when the native library does not load or lacks ALPN
     */
    public SslProvider sslProviderWithAlpn() {
        return resolve(true);
    }

    private SslProvider resolve(boolean alpn) {
        boolean available = OpenSsl.isAvailable();
        Decision decision = decide(available, available ? Optional.empty() : Optional.ofNullable(OpenSsl.unavailabilityCause()),
                alpn, available && SslProvider.isAlpnSupported(SslProvider.OPENSSL));
        String message = decision.provider() == SslProvider.OPENSSL
                ? "TLS: OpenSSL (" + OpenSsl.versionString() + ", netty-tcnative " + tcnativeVersion() + "), " + decision.reason()
                : "TLS: JDK, " + decision.reason();
        if (LOGGED.add(message)) {
            LOG.info(message);
        }
        return decision.provider();
    }

    /** The provider and why; package-private for the tests of every branch. */
    record Decision(SslProvider provider, String reason) {
    }

    /**
     * The choice, as a function of what the platform offers.
     *
     * @throws IllegalStateException when OpenSSL is required but not usable
     */
    Decision decide(boolean openSslAvailable, Optional<Throwable> unavailabilityCause, boolean needsAlpn,
                    boolean openSslAlpn) {
        String configured = "configured " + name().toLowerCase(Locale.ROOT);
        if (this == JDK) {
            return new Decision(SslProvider.JDK, configured);
        }
        if (!openSslAvailable) {
            String why = "OpenSSL unavailable: " + unavailabilityCause.map(Throwable::toString).orElse("unknown cause");
            if (this == OPENSSL) {
                throw new IllegalStateException("TLS implementation openssl was configured but " + why,
                        unavailabilityCause.orElse(null));
            }
            return new Decision(SslProvider.JDK, why);
        }
        if (needsAlpn && !openSslAlpn) {
            String why = "OpenSSL lacks ALPN, needed for h2/http1.1";
            if (this == OPENSSL) {
                throw new IllegalStateException("TLS implementation openssl was configured but " + why);
            }
            return new Decision(SslProvider.JDK, why);
        }
        return new Decision(SslProvider.OPENSSL, this == AUTO ? "auto: the native library loaded" : configured);
    }

    private static String tcnativeVersion() {
        try {
            Package tcnative = Class.forName("io.netty.internal.tcnative.SSL", false,
                    TlsImplementation.class.getClassLoader()).getPackage();
            return Optional.ofNullable(tcnative.getImplementationVersion()).orElse("unknown version");
        } catch (ClassNotFoundException | LinkageError e) {
            return "unknown version";
        }
    }
}
