package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.CloudNode;
import dev.onvifcloud.cloud.node.NodeSettings;
import dev.onvifcloud.cloud.node.OutboundTrust;
import dev.onvifcloud.cloud.node.TlsIdentity;
import dev.onvifcloud.cloud.node.TlsIdentityRejectedException;
import dev.onvifcloud.cloud.provisioning.AddressRange;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.uplink.TlsImplementation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings every cloud node command shares ({@code mcs}, {@code ocs}): data and PKI directories, where to listen,
 * the public host, the database, the outbound address allowances, the trust for outbound HTTPS ({@code trust-ca} or
 * {@code trust-development-ca}), the node's own TLS identity ({@code tls-certificate}, {@code tls-private-key},
 * {@code tls-trust-anchor}) and the TLS implementation of the endpoints, turned into {@link NodeSettings} and a
 * {@link TlsIdentity}. Every problem is collected, naming where its value came from.
 *
 * @param dataDir the node's data directory
 * @param pkiDir the development PKI's directory
 * @param node the node's settings; null only when {@code problems} has something
 * @param tlsIdentity the node's own TLS identity; empty for a certificate from the development PKI
 */
record NodeConfiguration(Path dataDir, Path pkiDir, NodeSettings node, Optional<TlsIdentity> tlsIdentity) {

    static final String TLS_CERTIFICATE = "tls-certificate";
    static final String TLS_PRIVATE_KEY = "tls-private-key";
    static final String TLS_TRUST_ANCHOR = "tls-trust-anchor";
    static final String TRUST_CA = "trust-ca";
    static final String TRUST_DEVELOPMENT_CA = "trust-development-ca";

    /** Reads the node settings of a command whose options include the node options. */
    static NodeConfiguration resolve(String name, Configuration configuration, Configuration.Problems problems) {
        Path data = Path.of(configuration.text("data-dir").orElse("./onvif-cloud-data/" + name));
        Path pki = Path.of(configuration.text("pki-dir").orElse("./onvif-cloud-data/pki"));
        InetAddress bind = address(configuration, problems);
        int api = configuration.integer("api-port", 0, 65_535, problems);
        int uplink = configuration.integer("uplink-port", 0, 65_535, problems);
        if (api != 0 && api == uplink) {
            problems.add("api-port and uplink-port must differ (both " + api + ")");
        }
        Optional<DatabaseSettings> database = Optional.empty();
        Optional<String> url = configuration.text("database-url");
        if (url.isPresent()) {
            if (!url.get().startsWith("jdbc:postgresql:")) {
                problems.add("database-url must start with jdbc:postgresql: (from " + configuration.origin("database-url")
                        + ")");
            } else {
                database = Optional.of(DatabaseSettings.postgresql(url.get(),
                        configuration.text("database-user").orElse(""), configuration.text("database-password")
                                .orElse(""), DatabaseSettings.DEFAULT_POOL_SIZE));
            }
        }
        List<AddressRange> allowed = new ArrayList<>();
        configuration.text("allow-outbound").ifPresent(text -> {
            for (String cidr : text.split(",")) {
                try {
                    allowed.add(AddressRange.parse(cidr.strip()));
                } catch (IllegalArgumentException e) {
                    problems.add("allow-outbound: '" + cidr.strip() + "' is not a CIDR block (from "
                            + configuration.origin("allow-outbound") + ")");
                }
            }
        });
        OutboundTrust trust = outboundTrust(configuration, problems);
        TlsImplementation tls = TlsImplementationOption.resolve(configuration, problems);
        String host = configuration.text("public-host").orElse("localhost");
        Optional<TlsIdentity> identity = tlsIdentity(configuration, host, problems);
        NodeSettings node = null;
        try {
            node = new NodeSettings(name, bind == null ? InetAddress.getLoopbackAddress() : bind, api, uplink, host,
                    database, allowed, trust, tls);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new NodeConfiguration(data, pki, node, identity);
    }

    /** Whether the node needs the development PKI: for its TLS certificate, or for its outbound trust. */
    boolean needsDevelopmentPki() {
        return tlsIdentity.isEmpty() || node.outboundTrust() instanceof OutboundTrust.DevelopmentCa;
    }

    /** A node builder with the data directory, the settings, the TLS identity if any and the development PKI if any. */
    CloudNode.Builder nodeBuilder(Optional<DevelopmentPki> pki) {
        CloudNode.Builder builder = CloudNode.builder().dataDirectory(dataDir).settings(node);
        pki.ifPresent(builder::pki);
        tlsIdentity.ifPresent(builder::tlsIdentity);
        return builder;
    }

    /** {@code trust-ca} (CA certificates), else {@code trust-development-ca}, else the JDK's; not both. */
    private static OutboundTrust outboundTrust(Configuration configuration, Configuration.Problems problems) {
        boolean development = configuration.bool(TRUST_DEVELOPMENT_CA, problems);
        if (configuration.text(TRUST_CA).isPresent() && development) {
            problems.add(TRUST_CA + " and " + TRUST_DEVELOPMENT_CA + " are mutually exclusive (from "
                    + configuration.origin(TRUST_CA) + " and " + configuration.origin(TRUST_DEVELOPMENT_CA) + ")");
            return OutboundTrust.jdk();
        }
        if (development) {
            return OutboundTrust.developmentCa();
        }
        return PemFiles.certificates(configuration, TRUST_CA, problems).map(OutboundTrust::anchors)
                .orElse(OutboundTrust.jdk());
    }

    /**
     * The identity of {@code tls-certificate}, {@code tls-private-key} and {@code tls-trust-anchor}, checked for
     * {@code host} now; empty when none is configured or on a problem.
     */
    private static Optional<TlsIdentity> tlsIdentity(Configuration configuration, String host,
                                                     Configuration.Problems problems) {
        Optional<String> certificateFile = configuration.text(TLS_CERTIFICATE);
        Optional<String> keyFile = configuration.text(TLS_PRIVATE_KEY);
        Optional<String> anchorFile = configuration.text(TLS_TRUST_ANCHOR);
        if (certificateFile.isPresent() != keyFile.isPresent()) {
            String given = certificateFile.isPresent() ? TLS_CERTIFICATE : TLS_PRIVATE_KEY;
            problems.add(TLS_CERTIFICATE + " and " + TLS_PRIVATE_KEY + " go together: give both or neither (only "
                    + given + " is set, from " + configuration.origin(given) + ")");
            return Optional.empty();
        }
        if (certificateFile.isEmpty()) {
            if (anchorFile.isPresent()) {
                problems.add(TLS_TRUST_ANCHOR + " needs " + TLS_CERTIFICATE + " and " + TLS_PRIVATE_KEY + " (from "
                        + configuration.origin(TLS_TRUST_ANCHOR) + ")");
            }
            return Optional.empty();
        }
        Optional<List<X509Certificate>> chain = PemFiles.certificates(configuration, TLS_CERTIFICATE, problems);
        Optional<PrivateKey> key = PemFiles.privateKey(configuration, TLS_PRIVATE_KEY, problems);
        Optional<List<X509Certificate>> anchor = PemFiles.certificates(configuration, TLS_TRUST_ANCHOR, problems);
        if (anchor.isPresent() && anchor.get().size() != 1) {
            problems.add(TLS_TRUST_ANCHOR + ": " + anchorFile.orElseThrow() + " holds " + anchor.get().size()
                    + " certificates; give the one CA certificate clients trust (from "
                    + configuration.origin(TLS_TRUST_ANCHOR) + ")");
            return Optional.empty();
        }
        if (chain.isEmpty() || key.isEmpty() || anchorFile.isPresent() && anchor.isEmpty()) {
            return Optional.empty();
        }
        try {
            TlsIdentity identity = anchor.isPresent()
                    ? new TlsIdentity(key.get(), chain.get(), anchor.get().get(0))
                    : TlsIdentity.anchoredInChain(key.get(), chain.get());
            identity.check(host, Instant.now());
            return Optional.of(identity);
        } catch (TlsIdentityRejectedException e) {
            if (e.reason() == TlsIdentityRejectedException.Reason.ANCHOR_REQUIRED) {
                problems.add(TLS_TRUST_ANCHOR + " is required: the last certificate of " + certificateFile.get()
                        + " is not self-signed; give the CA certificate that issued it (from "
                        + configuration.origin(TLS_CERTIFICATE) + ")");
            } else {
                problems.add(TLS_CERTIFICATE + " " + certificateFile.get() + " with " + TLS_PRIVATE_KEY + " "
                        + keyFile.get() + anchorFile.map(file -> " and " + TLS_TRUST_ANCHOR + " " + file).orElse("")
                        + ": " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static InetAddress address(Configuration configuration, Configuration.Problems problems) {
        String text = configuration.text("host").orElse("127.0.0.1");
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            problems.add("host: '" + text + "' is not an address of this machine (from " + configuration.origin("host")
                    + ")");
            return null;
        }
    }
}
