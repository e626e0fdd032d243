package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.security.pki.DevelopmentPki;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link NodeRole} gets from its node.
 *
 * @param name the node's name; prefix worker and lease names with it
 * @param dataDirectory the node's data directory (a role may keep files in a sub-directory named after itself)
 * @param database the node's database, open and migrated
 * @param keys the node's persistent signing keys
 * @param pki the node's development PKI, if it has one (the default manufacturer CA of the provisioning role)
 * @param tlsTrustAnchor the CA certificate clients and cameras validate the node's TLS certificate with: the
 *     development PKI's local CA, or the anchor of the node's {@link TlsIdentity}
 * @param apiUri the public base URI of the node's HTTPS API, e.g. {@code https://localhost:8443}, without a
 *     trailing slash: a PCS's {@code onvif:xaddr}, an OCS's issuer
 * @param uplinkUri the public URI cameras open their uplink to, e.g. {@code https://localhost:8444/uplink}
 * @param outboundPolicy what our outbound HTTPS calls may reach
 * @param outboundTrustAnchors the anchors our outbound HTTPS trusts; empty for the JDK's
 */
public record NodeContext(String name, Path dataDirectory, Database database, NodeKeys keys,
                          Optional<DevelopmentPki> pki, X509Certificate tlsTrustAnchor, URI apiUri, URI uplinkUri,
                          OutboundAddressPolicy outboundPolicy, Optional<List<X509Certificate>> outboundTrustAnchors,
                          Clock clock, Json json) {

    public NodeContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(tlsTrustAnchor, "tlsTrustAnchor");
        Objects.requireNonNull(apiUri, "apiUri");
        Objects.requireNonNull(uplinkUri, "uplinkUri");
        Objects.requireNonNull(outboundPolicy, "outboundPolicy");
        outboundTrustAnchors = outboundTrustAnchors.map(List::copyOf);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(json, "json");
    }
}
