package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.CloudNode;
import dev.onvifcloud.cloud.node.DevelopmentPkiStore;
import dev.onvifcloud.cloud.node.OperationalRole;
import dev.onvifcloud.cloud.node.OwnerApiKey;
import dev.onvifcloud.protocol.UserLevel;
import dev.onvifcloud.security.pki.DevelopmentPki;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code onvif-cloud ocs}: an Operational Cloud Service node, until Ctrl-C. */
@Command(
        name = "ocs",
        mixinStandardHelpOptions = true,
        description = {
            "Run an Operational Cloud Service until Ctrl-C: the HTTPS API (the owner's camera API under "
                    + "/api/v1/cameras: add cameras by share token, list them, pass ONVIF SOAP calls through, remove "
                    + "them; POST /deviceSharingCompleted for the PCSs), its OAuth 2.0 authorization server (RFC 8414 "
                    + "metadata at /.well-known/oauth-authorization-server, JWKS, POST /oauth2/token for "
                    + "client_credentials with private_key_jwt), and the uplink that shared cameras connect to with "
                    + "its access tokens.",
            "",
            "Every setting can also come from the environment (ONVIF_CLOUD_OCS_ and the option's name in "
                    + "upper case, '-' as '_', e.g. ONVIF_CLOUD_OCS_API_PORT) or from --config FILE (properties, or "
                    + "flat YAML 'api-port: 9443'). Flags win over the environment, the environment over the file, the"
                    + " file over the defaults.",
            ""
        },
        footer = {
            "",
            "Example: onvif-cloud ocs --create-owner olivia \\",
            "           --allow-outbound 127.0.0.0/8 --trust-development-ca",
            "Then add cameras by share token (KEY: the API key printed once):",
            "  curl --cacert onvif-cloud-data/pki/local-ca-certificate.pem \\",
            "       -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' \\",
            "       -d '{\"shareTokens\":[\"<share token>\"]}' \\",
            "       https://localhost:9443/api/v1/cameras",
            "and list them with their states: the same curl without -d."
        })
final class OcsCommand implements Callable<Integer> {

    static final String ENV_PREFIX = "ONVIF_CLOUD_OCS_";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (properties or flat YAML).")
    String config;

    @Option(names = "--print-config", description = "Print the effective settings and where each came from; start nothing.")
    boolean printConfig;

    @Option(names = "--create-owner", paramLabel = "NAME",
            description = "Create the owner account NAME (if missing) and print a new API key for it, once.")
    String createOwner;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/ocs",
            description = "Database (embedded H2) and signing keys (default: ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--pki-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-data/pki",
            description = "Development PKI whose local CA issues our TLS certificate, the trust anchor sent to cameras;"
                    + " generated when empty (default: ${DEFAULT-VALUE}). Not used with --tls-certificate (unless"
                    + " --trust-development-ca).")
    String pkiDir;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(names = "--public-host", paramLabel = "NAME", defaultValue = "localhost",
            description = "Host name in our URLs (uplink, authorization server, deviceSharingCompleted) and TLS"
                    + " certificate (default: ${DEFAULT-VALUE}).")
    String publicHost;

    @Option(names = "--api-port", paramLabel = "PORT", defaultValue = "9443",
            description = "HTTPS API and authorization server port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    String apiPort;

    @Option(names = "--uplink-port", paramLabel = "PORT", defaultValue = "9444",
            description = "Uplink port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    String uplinkPort;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "A PostgreSQL database (jdbc:postgresql://host/db) instead of the embedded H2 database.")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "onvif_cloud",
            description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = "PostgreSQL password; prefer the environment (ONVIF_CLOUD_OCS_DATABASE_PASSWORD) to a flag.")
    String databasePassword;

    @Option(names = "--allow-outbound", paramLabel = "CIDR,...",
            description = "Private or loopback address blocks we may call (a PCS's startDeviceSharing), e.g."
                    + " 127.0.0.0/8 when the MCS runs on this host. Default: none.")
    String allowOutbound;

    @Option(names = "--trust-development-ca", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            defaultValue = "false",
            description = "Trust the development PKI's local CA, instead of the JDK's, for calls to a PCS"
                    + " (default: ${DEFAULT-VALUE}). Not with --trust-ca.")
    String trustDevelopmentCa;

    @Option(names = "--trust-ca", paramLabel = "FILE",
            description = "PEM CA certificates that our calls to a PCS (startDeviceSharing) trust instead of the"
                    + " JDK's. Not with --trust-development-ca. Default: the JDK's trust anchors.")
    String trustCa;

    @Mixin
    TlsIdentityOptions tlsIdentity;

    @Option(names = "--tls-trust-anchor", paramLabel = "FILE",
            description = "PEM CA certificate that cameras validate --tls-certificate with: sent to them as the trust"
                    + " anchor of their certification path validation policy. Default: the chain's last certificate"
                    + " when it is self-signed; required otherwise.")
    String tlsTrustAnchor;

    @Option(names = "--user-level", paramLabel = "LEVEL", defaultValue = "Administrator",
            description = "User level of requests through the cameras' uplinks: Administrator, Operator or User"
                    + " (default: ${DEFAULT-VALUE}).")
    String userLevel;

    @Option(names = "--access-token-lifetime", paramLabel = "DURATION", defaultValue = "5m",
            description = "Lifetime of the authorization server's access tokens, 1s to 1h (default: ${DEFAULT-VALUE}).")
    String accessTokenLifetime;

    @Option(names = "--tls-implementation", paramLabel = TlsImplementationOption.LABEL, defaultValue = "auto",
            converter = TlsImplementationOption.class, completionCandidates = TlsImplementationOption.Choices.class,
            description = TlsImplementationOption.DESCRIPTION)
    String tlsImplementation;

    private final Map<String, String> environment;

    OcsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Configuration configuration = Configuration.resolve(spec, Set.of("--config", "--print-config",
                "--create-owner"), ENV_PREFIX, environment, McsCommand.configFile(config));
        Configuration.Problems problems = new Configuration.Problems();
        NodeConfiguration resolved = NodeConfiguration.resolve("ocs", configuration, problems);
        UserLevel level = userLevel(configuration, problems);
        Duration lifetime = lifetime(configuration, problems);
        problems.throwIfAny();
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            McsCommand.printConfiguration(out, configuration, Set.of("database-password"));
            return 0;
        }
        Optional<DevelopmentPki> pki = resolved.needsDevelopmentPki()
                ? Optional.of(DevelopmentPkiStore.openOrCreate(resolved.pkiDir(), Clock.systemUTC()))
                : Optional.empty();
        CloudNode node;
        try {
            node = resolved.nodeBuilder(pki)
                    .role(OperationalRole.factory(settings -> settings.userLevel(level),
                            authorization -> authorization.accessTokenLifetime(lifetime)))
                    .build().start();
        } catch (RuntimeException e) {
            throw CommandFailure.failed("cannot start the OCS: " + McsCommand.rootMessage(e));
        }
        if (createOwner != null) {
            OwnerApiKey owner = node.bootstrapOwner(createOwner);
            out.println("API key for " + owner.account().name() + " (shown once, keep it): " + owner.apiKey());
        }
        out.println("OCS running: API and authorization server " + node.apiUri() + ", uplink " + node.uplinkUri()
                + "; Ctrl-C to stop.");
        out.flush();
        RunUntilStopped.await(List.of(node));
        return 0;
    }

    private static UserLevel userLevel(Configuration configuration, Configuration.Problems problems) {
        String text = configuration.text("user-level").orElse("Administrator");
        for (UserLevel level : UserLevel.values()) {
            if (level.name().equalsIgnoreCase(text)) {
                return level;
            }
        }
        problems.add("user-level must be one of " + Arrays.toString(UserLevel.values()) + ", not '" + text
                + "' (from " + configuration.origin("user-level") + ")");
        return UserLevel.Administrator;
    }

    private static Duration lifetime(Configuration configuration, Configuration.Problems problems) {
        String text = configuration.text("access-token-lifetime").orElse("5m");
        try {
            Duration lifetime = new DurationConverter().convert(text);
            if (lifetime.compareTo(Duration.ofSeconds(1)) >= 0 && lifetime.compareTo(Duration.ofHours(1)) <= 0
                    && lifetime.getNano() == 0) {
                return lifetime;
            }
        } catch (RuntimeException e) { // not a duration: reported below
        }
        problems.add("access-token-lifetime must be whole seconds from 1s to 1h, not '" + text + "' (from "
                + configuration.origin("access-token-lifetime") + ")");
        return Duration.ofMinutes(5);
    }
}
