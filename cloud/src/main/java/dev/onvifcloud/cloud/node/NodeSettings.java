package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.provisioning.AddressRange;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.uplink.TlsImplementation;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a cloud node listens and what it may reach.
 *
 * @param name the node's name: in logs, and in the lease names of its workers (unique per node of a cluster)
 * @param bindAddress where the HTTPS API and the uplink acceptor listen (default: loopback)
 * @param apiPort the HTTPS API's port, 0 for a free one
 * @param uplinkPort the uplink acceptor's port, 0 for a free one
 * @param publicHost the host name (or IP literal) in our URLs and in our server certificate (default
 *     {@code localhost}); what clients and cameras connect to
 * @param database a PostgreSQL database; empty for the embedded H2 database in the data directory
 * @param allowedOutbound address blocks we may call although they are private or loopback (e.g. {@code 127.0.0.0/8}
 *     for a demo with every party on one host); empty in production
 * @param outboundTrust the CAs our outbound HTTPS calls ({@code startDeviceSharing}, {@code deviceSharingCompleted})
 *     trust: the JDK's (the default), the development PKI's local CA, or given CA certificates
 * @param tlsImplementation the TLS of the HTTPS API and the uplink acceptor: OpenSSL, the JDK's, or
 *     {@link TlsImplementation#AUTO} (the default: OpenSSL when its native library loads)
 */
public record NodeSettings(String name, InetAddress bindAddress, int apiPort, int uplinkPort, String publicHost,
                           Optional<DatabaseSettings> database, List<AddressRange> allowedOutbound,
                           OutboundTrust outboundTrust, TlsImplementation tlsImplementation) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");

    public NodeSettings {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits, '.', '_' or '-', not " + name);
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        requirePort(apiPort, "apiPort");
        requirePort(uplinkPort, "uplinkPort");
        if (apiPort != 0 && apiPort == uplinkPort) {
            throw new IllegalArgumentException("apiPort and uplinkPort must differ");
        }
        Objects.requireNonNull(publicHost, "publicHost");
        if (!HOST.matcher(publicHost).matches()) {
            throw new IllegalArgumentException("publicHost must be a host name or IP address, not " + publicHost);
        }
        Objects.requireNonNull(database, "database");
        allowedOutbound = List.copyOf(allowedOutbound);
        Objects.requireNonNull(outboundTrust, "outboundTrust");
        Objects.requireNonNull(tlsImplementation, "tlsImplementation");
    }

    /**
     * Loopback, free ports, {@code localhost}, embedded H2, nothing private reachable, the JDK's trust anchors,
     * {@link TlsImplementation#AUTO}.
     */
    public static NodeSettings loopback(String name) {
        return new NodeSettings(name, InetAddress.getLoopbackAddress(), 0, 0, "localhost", Optional.empty(),
                List.of(), OutboundTrust.jdk(), TlsImplementation.defaultChoice());
    }

    public NodeSettings withPorts(int api, int uplink) {
        return new NodeSettings(name, bindAddress, api, uplink, publicHost, database, allowedOutbound,
                outboundTrust, tlsImplementation);
    }

    public NodeSettings withDatabase(DatabaseSettings value) {
        return new NodeSettings(name, bindAddress, apiPort, uplinkPort, publicHost, Optional.of(value),
                allowedOutbound, outboundTrust, tlsImplementation);
    }

    public NodeSettings withTlsImplementation(TlsImplementation value) {
        return new NodeSettings(name, bindAddress, apiPort, uplinkPort, publicHost, database, allowedOutbound,
                outboundTrust, value);
    }

    public NodeSettings withOutboundTrust(OutboundTrust value) {
        return new NodeSettings(name, bindAddress, apiPort, uplinkPort, publicHost, database, allowedOutbound,
                value, tlsImplementation);
    }

    /** Every party on this host, trusting the development CA: for demos and tests. */
    public NodeSettings forLocalDevelopment() {
        return new NodeSettings(name, bindAddress, apiPort, uplinkPort, publicHost, database,
                List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("::1/128")), OutboundTrust.developmentCa(),
                tlsImplementation);
    }

    private static void requirePort(int port, String what) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + " must be 0 to 65535, not " + port);
        }
    }
}
