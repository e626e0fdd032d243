package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.CloudNode;
import dev.onvifcloud.cloud.node.DevelopmentPkiStore;
import dev.onvifcloud.cloud.node.FactoryClaimCodes;
import dev.onvifcloud.cloud.node.OwnerApiKey;
import dev.onvifcloud.cloud.node.ProvisioningRole;
import dev.onvifcloud.security.pki.DevelopmentPki;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code onvif-cloud mcs}: a Manufacturer Cloud Service node, until Ctrl-C. */
@Command(
        name = "mcs",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Manufacturer Cloud Service (a Provisioning Cloud Service) until Ctrl-C: the HTTPS API "
                    + "(owner's management API under /api/v1, POST /startDeviceSharing, /.well-known/jwks.json) and "
                    + "the uplink that cameras connect to from the factory (mutual TLS with their birth certificate).",
            "",
            "Every setting can also come from the environment (ONVIF_CLOUD_MCS_ and the option's name in "
                    + "upper case, '-' as '_', e.g. ONVIF_CLOUD_MCS_API_PORT) or from --config FILE (properties, or "
                    + "flat YAML 'api-port: 8443'). Flags win over the environment, the environment over the file, the"
                    + " file over the defaults.",
            ""
        },
        footer = {
            "",
            "Example: onvif-cloud mcs --create-owner alice   (prints alice's API key once)"
        })
final class McsCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "ONVIF_CLOUD_MCS_";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties or flat YAML).")
    String config;

    @Option(names = "--print-config", description = "Print the effective settings and where each came from; start nothing.")
    boolean printConfig;

    @Option(names = "--create-owner", paramLabel = "NAME",
            description = "Create the owner account NAME (if missing) and print a new API key for it, once.")
    String createOwner;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/mcs",
            description = "Database (embedded H2) and signing keys (default: ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--pki-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/pki",
            description = "Development PKI (local TLS CA, manufacturer CA, factory claim-code secret), shared with"
                    + " 'onvif-cloud device'; generated when empty (default: ${DEFAULT-VALUE}). With --tls-certificate"
                    + " and --device-ca (and without --trust-development-ca) only the claim-code secret is used.")
    String pkiDir;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--public-host", paramLabel = "NAME", defaultValue = "localhost",
            description = "Host name in our URLs, share tokens (onvif:xaddr) and TLS certificate (default: ${DEFAULT-VALUE}).")
    String publicHost;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "8443",
            description = "HTTPS API port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    String apiPort;

    @Option(names = "--uplink-port", paramLabel = "PORT", defaultValue = "8444",
            description = "Uplink port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    String uplinkPort;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "A PostgreSQL database (jdbc:postgresql://host/db) instead of the embedded H2 database.")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "onvif_cloud",
            description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = "PostgreSQL password; prefer the environment (ONVIF_CLOUD_MCS_DATABASE_PASSWORD) to a flag.")
    String databasePassword;

    @Option(names = "--allow-outbound", paramLabel = "CIDR,...",
            description = "Private or loopback address blocks we may call (deviceSharingCompleted), e.g. 127.0.0.0/8"
                    + " when the OCS runs on this host. Default: none.")
    String allowOutbound;

    @Option(names = "--trust-development-ca", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "false",
            description = "Trust the development PKI's local CA, instead of the JDK's, for calls to an OCS"
                    + " (default: ${DEFAULT-VALUE}). Not with --trust-ca.")
    String trustDevelopmentCa;

    @Option(names = "--trust-ca", paramLabel = "FILE",
            description = "PEM CA certificates that our calls to an OCS (deviceSharingCompleted) trust instead of the"
                    + " JDK's. Not with --trust-development-ca. Default: the JDK's trust anchors.")
    String trustCa;

    @Mixin
    TlsIdentityOptions tlsIdentity;

    @Option(names = "--tls-trust-anchor", paramLabel = "FILE",
            description = "PEM CA certificate that cameras and clients validate --tls-certificate with (what cameras"
                    + " get as --mcs-ca). Default: the chain's last certificate when it is self-signed; required"
                    + " otherwise.")
    String tlsTrustAnchor;

    @Option(names = "--device-ca", paramLabel = "FILE",
            description = "PEM manufacturer CA certificates whose birth certificates the uplink accepts. Default: the"
                    + " development PKI's manufacturer CA.")
    String deviceCa;

    @Option(names = "--tls-implementation", paramLabel = TlsImplementationOption.LABEL, defaultValue = "auto",
            converter = TlsImplementationOption.class, completionCandidates = TlsImplementationOption.Choices.class,
            description = TlsImplementationOption.DESCRIPTION)
    String tlsImplementation;

    private final Map<String, String> environment;

    McsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Configuration configuration = Configuration.resolve(spec, Set.of("--config", "--print-config",
                "--create-owner"), ENV_PREFIX, environment, configFile(config));
        Configuration.Problems problems = new Configuration.Problems();
        NodeConfiguration resolved = NodeConfiguration.resolve("mcs", configuration, problems);
        Optional<List<X509Certificate>> deviceCas = PemFiles.certificates(configuration, "device-ca", problems);
        problems.throwIfAny();
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            printConfiguration(out, configuration, Set.of("database-password"));
            return 0;
        }
        Optional<DevelopmentPki> pki = resolved.needsDevelopmentPki() || deviceCas.isEmpty()
                ? Optional.of(DevelopmentPkiStore.openOrCreate(resolved.pkiDir(), Clock.systemUTC()))
                : Optional.empty();
        FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(resolved.pkiDir());
        CloudNode node;
        try {
            node = resolved.nodeBuilder(pki)
                    .role(deviceCas.map(cas -> ProvisioningRole.factory(Optional.of(claimCodes), cas))
                            .orElseGet(() -> ProvisioningRole.factory(Optional.of(claimCodes))))
                    .build().start();
        } catch (RuntimeException e) {
            throw CommandFailure.failed("cannot start the MCS: " + rootMessage(e));
        }
        if (createOwner != null) {
            OwnerApiKey owner = node.bootstrapOwner(createOwner);
            out.println("API key for " + owner.account().name() + " (shown once, keep it): " + owner.apiKey());
        }
        out.println("MCS running: API " + node.apiUri() + ", uplink " + node.uplinkUri() + "; Ctrl-C to stop.");
        out.flush();
        RunUntilStopped.await(List.of(node));
        return 0;
    }

    static Optional<Map.Entry<String, String>> configFile(String file) {
        return Optional.ofNullable(file).map(name -> Map.entry(name, Files.readText(name, System.in)));
    }

    static void printConfiguration(PrintWriter out, Configuration configuration, Set<String> secret) {
        configuration.values().forEach((key, value) -> out.println(key + " = "
                + value.text().map(text -> secret.contains(key) ? "***" : text).orElse("(not set)")
                + "  [" + configuration.origin(key) + "]"));
    }

    static String rootMessage(Throwable e) {
        Throwable cause = e;
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
