package dev.onvifcloud.cloud.provisioning.worker;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What on a camera belongs to this Provisioning Cloud Service itself, removed when a camera is transferred: the
 * uplinks to any of {@code uplinkAddresses} (for an MCS: its factory uplink), and the authorization server
 * configurations for any of {@code authorizationServerUris} with their key and certification path validation
 * policy (for a PCS that is also an Operational Cloud Service). Addresses are compared with scheme and host in
 * lower case.
 *
 * @param uplinkAddresses this cloud's uplink RemoteAddresses ({@code wss://pcs.example/uplink})
 * @param authorizationServerUris this cloud's authorization servers, as cameras hold them ({@code ServerUri})
 */
public record OwnAccess(List<URI> uplinkAddresses, List<URI> authorizationServerUris) {

    public OwnAccess {
        uplinkAddresses = uplinkAddresses.stream().map(OwnAccess::normalized).toList();
        authorizationServerUris = authorizationServerUris.stream().map(OwnAccess::normalized).toList();
    }

    /** Nothing: a transfer then removes nothing from the camera (and says so in the audit log). */
    public static OwnAccess none() {
        return new OwnAccess(List.of(), List.of());
    }

    public static OwnAccess uplinks(URI... addresses) {
        return new OwnAccess(List.of(addresses), List.of());
    }

    public OwnAccess withAuthorizationServers(URI... serverUris) {
        return new OwnAccess(uplinkAddresses, List.of(serverUris));
    }

    public boolean isEmpty() {
        return uplinkAddresses.isEmpty() && authorizationServerUris.isEmpty();
    }

    public boolean ownsUplink(URI remoteAddress) {
        return owns(uplinkAddresses, remoteAddress);
    }

    public boolean ownsAuthorizationServer(URI serverUri) {
        return owns(authorizationServerUris, serverUri);
    }

    private static boolean owns(List<URI> own, URI candidate) {
        try {
            return own.contains(normalized(candidate));
        } catch (IllegalArgumentException e) {
            return false; // a camera's address without scheme or host is none of ours
        }
    }

    private static URI normalized(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("an own address needs a scheme and a host");
        }
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
}
