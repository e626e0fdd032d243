package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.NodeSettings;
import dev.onvifcloud.cloud.provisioning.AddressRange;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.uplink.TlsImplementation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings every cloud node command shares ({@code mcs}, {@code ocs}): data and PKI directories, where to listen,
 * the public host, the database, the outbound address allowances, the trust for outbound HTTPS and the TLS
 * implementation of the endpoints, turned into {@link NodeSettings}. Every problem is collected, naming where its
 * value came from.
 *
 * @param dataDir the node's data directory
 * @param pkiDir the development PKI's directory
 * @param node the node's settings; null only when {@code problems} has something
 */
record NodeConfiguration(Path dataDir, Path pkiDir, NodeSettings node) {

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
        boolean trust = configuration.bool("trust-development-ca", problems);
        TlsImplementation tls = TlsImplementationOption.resolve(configuration, problems);
        String host = configuration.text("public-host").orElse("localhost");
        NodeSettings node = null;
        try {
            node = new NodeSettings(name, bind == null ? InetAddress.getLoopbackAddress() : bind, api, uplink, host,
                    database, allowed, trust, tls);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new NodeConfiguration(data, pki, node);
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
