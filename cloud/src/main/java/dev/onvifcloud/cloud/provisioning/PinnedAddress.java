package dev.onvifcloud.cloud.provisioning;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A URI the {@link OutboundAddressPolicy} accepted, with the address its host resolved to when it was checked.
 * Connect to {@link #socketAddress()}, not to the URI's host again: a second lookup could answer differently
 * (DNS rebinding). Keep the URI's host for TLS (SNI and certificate name checks).
 */
public record PinnedAddress(java.net.URI uri, InetAddress address) {

    public PinnedAddress {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(address, "address");
    }

    /** The URI's port, or the default port of its scheme (443 for https and wss). */
    public int port() {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("ws") ? 80 : 443;
    }

    /** Where to connect. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port());
    }
}
