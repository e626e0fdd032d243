package dev.onvifcloud.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The demo clouds' ports, chosen free on the first run and kept in the data directory: the cameras keep the factory
 * uplink URL of their first start, and the OCS's uplink and authorization server URLs the MCS configured on them, so
 * a later run must listen where the first one did. 0 means any free port.
 */
record DemoPorts(int mcsApi, int mcsUplink, int ocsApi, int ocsUplink) {

    private static final String FILE = "demo-ports.properties";

    static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** The ports of an earlier run; 0 (any free one) for those it did not record. */
    static DemoPorts load(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return new DemoPorts(0, 0, 0, 0);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return new DemoPorts(port(properties, "mcs.api-port"), port(properties, "mcs.uplink-port"),
                    port(properties, "ocs.api-port"), port(properties, "ocs.uplink-port"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NumberFormatException e) {
            throw CommandFailure.failed(file + " holds a port that is not a number; remove the file to choose new ports");
        }
    }

    private static int port(Properties properties, String key) {
        return Integer.parseInt(properties.getProperty(key, "0").strip());
    }

    static void save(Path dataDir, DemoPorts ports) throws IOException {
        Files.createDirectories(dataDir);
        Path temporary = Files.createTempFile(dataDir, ".ports-", ".tmp");
        Files.writeString(temporary, "# ports of the demo clouds, kept for the URLs configured on the cameras\n"
                + "mcs.api-port=" + ports.mcsApi() + "\nmcs.uplink-port=" + ports.mcsUplink() + "\n"
                + "ocs.api-port=" + ports.ocsApi() + "\nocs.uplink-port=" + ports.ocsUplink() + "\n",
                StandardCharsets.UTF_8);
        Files.move(temporary, file(dataDir), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
