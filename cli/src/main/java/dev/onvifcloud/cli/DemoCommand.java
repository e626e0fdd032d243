package dev.onvifcloud.cli;

import dev.onvifcloud.cloud.node.CloudNode;
import dev.onvifcloud.cloud.node.DevelopmentPkiStore;
import dev.onvifcloud.cloud.node.DevelopmentTrust;
import dev.onvifcloud.cloud.node.FactoryClaimCodes;
import dev.onvifcloud.cloud.node.NodeRole;
import dev.onvifcloud.cloud.node.NodeSettings;
import dev.onvifcloud.cloud.node.OperationalRole;
import dev.onvifcloud.cloud.node.OwnerApiKey;
import dev.onvifcloud.cloud.node.ProvisioningRole;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.Fleet;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code onvif-cloud demo}: the whole onboarding in one process, as a user would do it. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the onboarding end to end in one process: a development PKI, a Manufacturer Cloud Service "
                    + "(MCS) and an Operational Cloud Service (OCS, with its OAuth authorization server), each on its "
                    + "own HTTPS and uplink ports, and N reference cameras on their factory uplinks to the MCS. An "
                    + "owner claims each camera and issues it a share token over the MCS's HTTPS management API, then "
                    + "adds all the share tokens to the OCS in one request over its HTTPS camera API; the MCS "
                    + "configures each camera for the OCS, and each camera gets an access token from the OCS and opens "
                    + "its own uplink to it, where the OCS checks its identity. Shows progress, then a summary table "
                    + "(camera, serial, state, time taken); then keeps running for exploration until Ctrl-C, or ends "
                    + "with --exit.",
            "",
            "Everything lives in --data-dir; a second run reuses it (same PKI, databases, ports, cameras): cameras "
                    + "that the OCS has already are waited for, not shared again.",
            ""
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every camera got through",
            "1:some camera did not get through (with --exit)",
            "2:usage or I/O error"
        })
final class DemoCommand implements Callable<Integer> {

    private static final String OWNER = "demo-owner";
    private static final String SERIAL_PREFIX = "DEMO-";
    private static final ReconnectSchedule QUICK = new ReconnectSchedule(Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(5), 0.1);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--cameras", paramLabel = "N", defaultValue = "3",
            description = "How many reference cameras, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int cameras;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./onvif-cloud-demo",
            description = "Where the PKI, the clouds' databases and keys and the cameras' state live"
                    + " (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--exit", description = "End after the summary: exit status 0 only if every camera got through.")
    boolean exit;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "120s", converter = DurationConverter.class,
            description = "How long a camera may take to get through (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--tls-implementation", paramLabel = TlsImplementationOption.LABEL, defaultValue = "auto",
            converter = TlsImplementationOption.class, completionCandidates = TlsImplementationOption.Choices.class,
            description = TlsImplementationOption.DESCRIPTION)
    String tlsImplementation;

    private final Map<String, String> environment;

    DemoCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** One camera's way through the demo. */
    record Result(int index, String serialNumber, String state, boolean through, Duration took) {
    }

    @Override
    public Integer call() throws Exception {
        if (cameras < 1 || cameras > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--cameras must be from 1 to 1000, not " + cameras);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        TlsImplementation implementation = tlsImplementation();
        Logging.quietUnlessAsked();
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(out);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path pkiDirectory = dataDir.resolve("pki");
            DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
            FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
            progress.line("development PKI in " + pkiDirectory);
            DemoPorts ports = DemoPorts.load(dataDir);
            CloudNode mcs = start("MCS", dataDir.resolve("mcs"), pki, NodeSettings.loopback("mcs")
                    .withPorts(ports.mcsApi(), ports.mcsUplink()).withTlsImplementation(implementation),
                    ProvisioningRole.factory(Optional.of(claimCodes)));
            started.add(mcs);
            progress.line("MCS: HTTPS API " + mcs.apiUri() + ", uplink " + mcs.uplinkUri());
            CloudNode ocs = start("OCS", dataDir.resolve("ocs"), pki, NodeSettings.loopback("ocs")
                    .withPorts(ports.ocsApi(), ports.ocsUplink()).withTlsImplementation(implementation),
                    OperationalRole.factory());
            started.add(ocs);
            progress.line("OCS: HTTPS API and authorization server " + ocs.apiUri() + ", uplink " + ocs.uplinkUri());
            DemoPorts.save(dataDir, new DemoPorts(mcs.apiUri().getPort(), mcs.uplinkUri().getPort(),
                    ocs.apiUri().getPort(), ocs.uplinkUri().getPort()));
            OwnerApiKey mcsOwner = mcs.bootstrapOwner(OWNER);
            OwnerApiKey ocsOwner = ocs.bootstrapOwner(OWNER);
            progress.line("owner " + OWNER + " has a new API key on the MCS: " + mcsOwner.apiKey());
            progress.line("owner " + OWNER + " has a new API key on the OCS: " + ocsOwner.apiKey());
            SSLContext tls = DevelopmentTrust.trusting(List.of(pki.localCaCertificate()));
            OcsHandOff handOff = new OcsHandOff(new ManagementClient(ocs.apiUri(), ocsOwner.apiKey(), tls), progress,
                    timeout);
            Map<String, String> onOcs = handOff.activeCameras();
            Fleet fleet = Fleet.builder().size(cameras).serialPrefix(SERIAL_PREFIX)
                    .information(new DeviceInformation("Acme", "CloudCam 1", "1.0.0", "template", "HW-1"))
                    .root(dataDir.resolve("cameras")).birthCertificates(Fleet.BirthCertificateIssuer.of(pki))
                    .mcs(mcs.uplinkUri(), List.of(pki.localCaCertificate())).reconnectSchedule(QUICK)
                    .tlsImplementation(implementation).build().start();
            started.add(fleet);
            progress.line(cameras + " camera(s) started, connecting their factory uplinks");
            DeviceRegistry registry = mcs.role(ProvisioningRole.class).orElseThrow().registry();
            Onboarding onboarding = new Onboarding(new ManagementClient(mcs.apiUri(), mcsOwner.apiKey(), tls),
                    registry, claimCodes, onOcs.keySet(), progress, timeout);
            List<Onboarding.Step> steps = onboardAll(fleet, onboarding);
            List<Result> results = handOff.handOff(steps, onOcs);
            printSummary(out, results);
            boolean allThrough = results.stream().allMatch(Result::through);
            if (exit) {
                RunUntilStopped.closeAll(started);
                return allThrough ? 0 : OnvifCloud.REJECTED;
            }
            out.println();
            out.println("Still running for exploration (CA certificate: "
                    + pkiDirectory.resolve("local-ca-certificate.pem") + "; Authorization: Bearer <the API key above>):");
            out.println("  MCS management API  " + mcs.apiUri() + "/api/v1/devices");
            out.println("  OCS camera API      " + ocs.apiUri() + "/api/v1/cameras");
            out.println("  OCS pass-through    POST " + ocs.apiUri()
                    + "/api/v1/cameras/<id>/onvif/device (Content-Type: application/soap+xml)");
            out.println("Ctrl-C to stop.");
            out.flush();
            RunUntilStopped.await(started);
            return allThrough ? 0 : OnvifCloud.REJECTED;
        } catch (RuntimeException | IOException e) {
            RunUntilStopped.closeAll(started);
            throw CommandFailure.failed("demo failed: " + McsCommand.rootMessage(e));
        }
    }

    /** The flag, else {@value TlsImplementationOption#SHARED_ENVIRONMENT_VARIABLE}, else auto. */
    private TlsImplementation tlsImplementation() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        String variable = TlsImplementationOption.SHARED_ENVIRONMENT_VARIABLE;
        if ((parsed != null && parsed.hasMatchedOption("--tls-implementation")) || !environment.containsKey(variable)) {
            return TlsImplementation.parse(tlsImplementation);
        }
        try {
            return TlsImplementation.parse(environment.get(variable));
        } catch (IllegalArgumentException e) {
            throw CommandFailure.failed(TlsImplementationOption.KEY + ": " + e.getMessage() + " (from " + variable
                    + ")");
        }
    }

    private static CloudNode start(String what, Path data, DevelopmentPki pki, NodeSettings settings,
                                   NodeRole.Factory role) {
        try {
            return CloudNode.builder().dataDirectory(data).pki(pki).settings(settings.forLocalDevelopment()).role(role)
                    .build().start();
        } catch (IllegalStateException e) {
            String where = settings.apiPort() == 0 ? "" : " on the ports of the earlier run (" + settings.apiPort()
                    + ", " + settings.uplinkPort() + ", in " + DemoPorts.file(data.getParent()) + ")";
            throw new IllegalStateException("cannot start the " + what + where + ": " + e.getMessage(), e);
        }
    }

    private List<Onboarding.Step> onboardAll(Fleet fleet, Onboarding onboarding) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(cameras, 8), task -> {
            Thread thread = new Thread(task, "demo-onboarding");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Onboarding.Step>> running = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                int index = i;
                String serial = fleet.serialNumber(i);
                running.add(CompletableFuture.supplyAsync(() -> onboarding.run(index + 1, serial), pool));
            }
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void printSummary(PrintWriter out, List<Result> results) {
        out.println();
        out.printf("%-7s %-14s %-28s %s%n", "CAMERA", "SERIAL", "STATE", "TIME");
        for (Result result : results) {
            out.printf(Locale.ROOT, "%-7d %-14s %-28s %.1f s%n", result.index(), result.serialNumber(),
                    result.state(), result.took().toMillis() / 1000.0);
        }
        long through = results.stream().filter(Result::through).count();
        out.println(through + " of " + results.size() + " camera(s) got through.");
        out.flush();
    }
}
