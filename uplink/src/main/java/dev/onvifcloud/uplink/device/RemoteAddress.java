package dev.onvifcloud.uplink.device;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The spec's {@code RemoteAddress}: the URL by which the remote client (cloud) is reached, and the key
 * of an uplink configuration. {@code https} selects native h2c-reverse, {@code wss} h2c-reverse over
 * WebSocket.
 *
 * @param scheme       {@code https} or {@code wss}
 * @param host         host name or IP literal (IPv6 without brackets)
 * @param port         TCP port
 * @param pathAndQuery request target for the upgrade request, starting with {@code /}
 */
public record RemoteAddress(String scheme, String host, int port, String pathAndQuery) {

    public RemoteAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!scheme.equals("https") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("RemoteAddress scheme must be https or wss: " + scheme);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("RemoteAddress lacks a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("RemoteAddress port out of range: " + port);
        }
        if (!pathAndQuery.startsWith("/") || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("RemoteAddress path must start with / and be ASCII without spaces");
        }
    }

    /** Parses {@code https://host[:port]/path[?query]} or the {@code wss} form. */
    public static RemoteAddress parse(String address) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("RemoteAddress is not a URI: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("RemoteAddress must be an absolute https or wss URL: " + address);
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("RemoteAddress must not carry user info or a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        return new RemoteAddress(scheme, host, port, target);
    }

    /** The value of the {@code Host} header: host, bracketed when IPv6, with the port unless 443. */
    public String hostHeader() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 443 ? h : h + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + hostHeader() + pathAndQuery;
    }
}
