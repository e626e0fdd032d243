package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.DevelopmentPkiStore;
import dev.onvifcloud.cloud.node.FactoryClaimCodes;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.Fleet;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.uplink.TlsImplementation;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onvif-cloud device}: reference cameras on their factory uplink to an MCS, until Ctrl-C. */
@Command(
        name = "device",
        mixinStandardHelpOptions = true,
        description = {
            "Run reference cameras until Ctrl-C, each with its factory uplink to an MCS (mutual TLS with a "
                    + "birth certificate from the development PKI's manufacturer CA). Prints each camera's serial "
                    + "number and claim code, for its owner to claim it on the MCS. Each camera keeps its state (keys,"
                    + " configuration from the clouds) in DATA_DIR/<serial>; a restart brings it back as it was, "
                    + "factory uplink included.",
            "",
            "Settings also come from the environment (ONVIF_CLOUD_DEVICE_ and the option's name in upper "
                    + "case, '-' as '_') or from --config FILE; flags win over the environment, the environment over "
                    + "the file.",
            ""
        })
final class DeviceCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "ONVIF_CLOUD_DEVICE_";
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9-]{1,32}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties or flat YAML).")
    String config;

    @Option(names = "--print-config", description = "Print the effective settings and where each came from; start nothing.")
    boolean printConfig;

    @Option(names = "--mcs-uplink", paramLabel = "URL", defaultValue = "https://localhost:8444/uplink",
            description = "The MCS's uplink URL, https or wss (default: ${DEFAULT-VALUE}).")
    String mcsUplink;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "1",
            description = "How many cameras, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    String cameras;

    @Option(names = "--pki-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/pki",
            description = "The development PKI shared with the MCS (default: ${DEFAULT-VALUE}).")
    String pkiDir;

    @Option(names = "--mcs-ca", paramLabel = "FILE",
            description = "PEM CA certificates the cameras trust for the MCS's uplink (the MCS's --tls-trust-anchor"
                    + " when it runs with its own certificate). Default: the development PKI's local CA.")
    String mcsCa;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/devices",
            description = "Where the cameras keep their state (default: ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--serial-prefix", paramLabel = "PREFIX", defaultValue = "SN-",
            description = "Serial numbers are PREFIX and a six-digit index (default: ${DEFAULT-VALUE}).")
    String serialPrefix;

    @Option(names = "--manufacturer", paramLabel = "NAME", defaultValue = "Acme",
            description = "Manufacturer the cameras report (default: ${DEFAULT-VALUE}).")
    String manufacturer;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "CloudCam 1",
            description = "Model the cameras report (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tls-implementation", paramLabel = TlsImplementationOption.LABEL, defaultValue = "auto",
            converter = TlsImplementationOption.class, completionCandidates = TlsImplementationOption.Choices.class,
            description = TlsImplementationOption.DESCRIPTION)
    String tlsImplementation;

    private final Map<String, String> environment;

    DeviceCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Configuration configuration = Configuration.resolve(spec, Set.of("--config", "--print-config"), ENV_PREFIX,
                environment, McsCommand.configFile(config));
        Configuration.Problems problems = new Configuration.Problems();
        int count = configuration.integer("cameras", 1, 10_000, problems);
        URI uplink = uplink(configuration, problems);
        String prefix = configuration.text("serial-prefix").orElse("SN-");
        if (!PREFIX.matcher(prefix).matches()) {
            problems.add("serial-prefix must be 1 to 32 letters, digits or '-', not '" + prefix + "'");
        }
        TlsImplementation tls = TlsImplementationOption.resolve(configuration, problems);
        Optional<List<X509Certificate>> mcsCas = PemFiles.certificates(configuration, "mcs-ca", problems);
        problems.throwIfAny();
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            McsCommand.printConfiguration(out, configuration, Set.of());
            return 0;
        }
        Path pkiDirectory = Path.of(configuration.text("pki-dir").orElseThrow());
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
        Fleet fleet;
        try {
            fleet = Fleet.builder().size(count).serialPrefix(prefix)
                    .information(new DeviceInformation(configuration.text("manufacturer").orElseThrow(),
                            configuration.text("model").orElseThrow(), "1.0.0", "template", "HW-1"))
                    .root(Path.of(configuration.text("data-dir").orElseThrow()))
                    .birthCertificates(Fleet.BirthCertificateIssuer.of(pki))
                    .mcs(uplink, mcsCas.orElseGet(() -> List.of(pki.localCaCertificate())))
                    .tlsImplementation(tls)
                    .build().start();
        } catch (RuntimeException e) {
            throw CommandFailure.failed("cannot start the cameras: " + McsCommand.rootMessage(e));
        }
        out.printf("%-16s %s%n", "SERIAL", "CLAIM CODE");
        for (int i = 0; i < count; i++) {
            String serial = fleet.serialNumber(i);
            out.printf("%-16s %s%n", serial, claimCodes.claimCode(serial));
        }
        out.println(count + " camera(s) with their factory uplink to " + uplink
                + " (a camera keeps the uplink of its first start); Ctrl-C to stop.");
        out.flush();
        RunUntilStopped.await(List.of(fleet));
        return 0;
    }

    private static URI uplink(Configuration configuration, Configuration.Problems problems) {
        String text = configuration.text("mcs-uplink").orElse("");
        try {
            URI uri = new URI(text);
            if (("https".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add("mcs-uplink must be an https:// or wss:// URL with a host, not '" + text + "' (from "
                + configuration.origin("mcs-uplink") + ")");
        return null;
    }
}
