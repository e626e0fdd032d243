package dev.onvifcloud.benchmarks.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.benchmarks.ThreadGroupsCpu;
import dev.onvifcloud.cloud.node.CloudNode;
import dev.onvifcloud.cloud.node.DevelopmentPkiStore;
import dev.onvifcloud.cloud.node.DevelopmentTrust;
import dev.onvifcloud.cloud.node.FactoryClaimCodes;
import dev.onvifcloud.cloud.node.NodeSettings;
import dev.onvifcloud.cloud.node.OperationalRole;
import dev.onvifcloud.cloud.node.OwnerApiKey;
import dev.onvifcloud.cloud.node.ProvisioningRole;
import dev.onvifcloud.cloud.operational.ConnectedCameras;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.Fleet;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Onboarding throughput: N cameras added to an Operational Cloud Service in one batch, from the camera API's add
 * (which queues {@code startDeviceSharing} to the PCS) until every camera is VERIFIED with a live uplink session on
 * the OCS. Every party in this JVM, over loopback TLS: an MCS ({@link CloudNode} with {@link ProvisioningRole} and
 * factory claim codes), an OCS ({@link CloudNode} with {@link OperationalRole}), both with the development PKI and
 * loopback allowed outbound, and a {@link Fleet} of reference cameras on their factory uplinks to the MCS.
 *
 * <ol>
 *   <li>Set-up (not measured): nodes and cameras started, every camera online on the MCS, each claimed and given a
 *       share token over the MCS's management API.</li>
 *   <li>Warm-up (not measured): the first {@code --warmup} cameras onboarded the same way (classes loaded, code
 *       compiled).</li>
 *   <li>Measured: the other N cameras' tokens in one {@code POST /api/v1/cameras} (chunks of 1,000, the per-request
 *       maximum); the OCS sends them to the MCS in {@code startDeviceSharing} requests of {@code --batch-size}.
 *       Wall time and this process's CPU time ({@code OperatingSystemMXBean#getProcessCpuTime}) until the last
 *       camera is verified (a {@link ConnectedCameras.Listener} hears each), per-camera latency from the add, the
 *       stages from the OCS's store, token grants and refusals from the OCS's audit log, TCP connections opened,
 *       TLS handshakes by JFR (the JDK's TLS only), and the CPU of the JIT compiler threads apart: on 2 cores the
 *       compiler is still busy long after the warm-up, which a long-running node would not pay.</li>
 *   <li>The floor ({@link OnboardingFloor}), measured after, in the same JVM.</li>
 * </ol>
 *
 * <pre>
 * --n 100                   cameras measured
 * --warmup 50               cameras onboarded before (not measured)
 * --batch-size 100          cameras per startDeviceSharing request (OperationalSettings, 1 to 1000)
 * --reconnect-ms 0          cameras' first reconnect interval (ms, then doubling to 30 s); 0: the default 2 to 4 s
 * --requester-poll-ms 1000  the OCS's sharing requester poll interval (its default: 1 s)
 * --jit-settle-seconds 0    after the warm-up, wait up to this long for the JIT compiler threads to go quiet
 *                           (below 0.05 cores over a second) before measuring; 0: do not wait
 * --floor-seconds 2         per floor operation (and as much warm-up)
 * --timeout-seconds 600     give up waiting for the cameras
 * --tls auto                TLS of both nodes, the cameras and the floor's handshakes: auto, openssl or jdk
 * --profile 0               1: JFR execution samples during the measured batch, top methods printed (not a measurement)
 *                           2: async-profiler CPU samples of every thread (JIT and GC too) to a collapsed-stacks file;
 *                              needs -Dasyncprofiler.jar=... -Dasyncprofiler.lib=... in JVM_OPTS (not a measurement)
 * </pre>
 */
public final class OnboardingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceInformation MODEL =
            new DeviceInformation("Acme", "CloudCam 1", "1.0.0", "unused", "HW-1");
    private static final int MAX_TOKENS_PER_ADD = 1000;
    private static final String AUTHORIZATION_SERVER = "authorization-server";
    /** The JIT compiler threads' CPU (cores) below which {@code --jit-settle-seconds} stops waiting. */
    private static final double JIT_SETTLED_CORES = 0.05;

    private final Map<String, String> options;
    private HandshakeCount handshakeCount; // recording from the start, counted over the measurement
    private final Map<String, Long> verifiedAt = new ConcurrentHashMap<>();
    private CloudNode mcs;
    private CloudNode ocs;
    private HttpClient http;
    private String mcsKey;
    private OwnerApiKey ocsOwner;

    private OnboardingBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        boolean ok = new OnboardingBenchmark(options(args)).run();
        System.exit(ok ? 0 : 1);
    }

    /**
     * Waits, at most {@code limit}, until the JIT compiler threads used less than {@link #JIT_SETTLED_CORES} of a core
     * over one second: the compile queue that the warm-up left behind drains before the measurement instead of
     * inside it. Nothing else runs meanwhile but the idle traffic of the cameras online (pings, pollers).
     */
    private static void settleJit(Duration limit) throws InterruptedException {
        if (limit.isZero()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        double before = ThreadGroupsCpu.snapshot().getOrDefault(ThreadGroupsCpu.JIT, 0.0);
        double rate;
        do {
            Thread.sleep(1000);
            double now = ThreadGroupsCpu.snapshot().getOrDefault(ThreadGroupsCpu.JIT, 0.0);
            rate = now - before;
            before = now;
        } while (rate >= JIT_SETTLED_CORES && System.nanoTime() < deadline);
        log("JIT %s after %.0f s (compiler threads at %.2f cores over the last second)",
                rate < JIT_SETTLED_CORES ? "settled" : "still busy", (System.nanoTime() - start) / 1e9, rate);
    }

    /**
     * The measured batch's CPU per camera by party, from the threads' names: the cameras (their transport's
     * {@code camera-io}/{@code camera-worker} threads and the fleet's {@code fleet-} scheduler), the JIT compiler, the
     * garbage collector, and the rest: both clouds and this benchmark's polling.
     */
    private static void logParties(Map<String, Double> seconds, int cameras) {
        double camerasSeconds = 0;
        double jit = 0;
        double gc = 0;
        double rest = 0;
        for (Map.Entry<String, Double> entry : seconds.entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(Fleet.TRANSPORT_NAME + "-") || name.startsWith("fleet-")) {
                camerasSeconds += entry.getValue();
            } else if (ThreadGroupsCpu.isJit(name)) {
                jit += entry.getValue();
            } else if (ThreadGroupsCpu.isGc(name)) {
                gc += entry.getValue();
            } else {
                rest += entry.getValue();
            }
        }
        log("CPU per camera by party (/proc, 10 ms ticks): the cameras %.1f ms, the clouds and the benchmark %.1f ms,"
                + " the JIT %.1f ms, GC %.1f ms", camerasSeconds * 1e3 / cameras, rest * 1e3 / cameras,
                jit * 1e3 / cameras, gc * 1e3 / cameras);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private boolean run() throws Exception {
        int n = option("n", 100);
        int warmup = option("warmup", 50);
        int batchSize = option("batch-size", 100);
        int reconnectMs = option("reconnect-ms", 0);
        int pollMs = option("requester-poll-ms", 1000);
        TlsImplementation tls = TlsImplementation.parse(options.getOrDefault("tls", "auto"));
        Duration timeout = Duration.ofSeconds(option("timeout-seconds", 600));
        ReconnectSchedule schedule = reconnectMs == 0 ? ReconnectSchedule.defaults()
                : new ReconnectSchedule(Duration.ofMillis(reconnectMs), Duration.ofMillis(2L * reconnectMs),
                Duration.ofSeconds(30), 0.1);
        Path work = Files.createTempDirectory("onboarding-bench");
        handshakeCount = new HandshakeCount(tls.sslProvider() == SslProvider.JDK);
        log("%s; %d cores; heap max %d MiB; load %s", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, load());
        log("n=%d warm-up=%d startDeviceSharing batch=%d reconnect schedule %s, requester poll %d ms; work %s", n,
                warmup, batchSize, schedule, pollMs, work);

        Path pkiDirectory = work.resolve("pki");
        DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(pkiDirectory, Clock.systemUTC());
        FactoryClaimCodes claimCodes = FactoryClaimCodes.openOrCreate(pkiDirectory);
        http = HttpClient.newBuilder().sslContext(DevelopmentTrust.trusting(List.of(pki.localCaCertificate())))
                .build();
        Fleet fleet = null;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            mcs = CloudNode.builder().dataDirectory(work.resolve("mcs")).pki(pki)
                    .settings(NodeSettings.loopback("mcs-bench").forLocalDevelopment().withTlsImplementation(tls))
                    .role(ProvisioningRole.factory(Optional.of(claimCodes))).build().start();
            ocs = CloudNode.builder().dataDirectory(work.resolve("ocs")).pki(pki)
                    .settings(NodeSettings.loopback("ocs-bench").forLocalDevelopment().withTlsImplementation(tls))
                    .role(OperationalRole.factory(settings -> settings.batchSize(batchSize)
                            .pollInterval(Duration.ofMillis(pollMs)), as -> as))
                    .build().start();
            mcsKey = mcs.bootstrapOwner("alice").apiKey();
            ocsOwner = ocs.bootstrapOwner("olivia");
            OperationalRole operational = ocs.role(OperationalRole.class).orElseThrow();
            operational.cameras().addListener(new ConnectedCameras.Listener() {
                @Override
                public void verified(OcsCamera camera, dev.onvifcloud.cloud.registry.OnvifClient client,
                                     GetDeviceInformationResponse information) {
                    verifiedAt.putIfAbsent(camera.clientId(), System.nanoTime());
                }

                @Override
                public void disconnected(OcsCamera camera, UplinkSession session) {
                }
            });

            long t0 = System.nanoTime();
            fleet = Fleet.builder().size(warmup + n).serialPrefix("SN").information(MODEL)
                    .root(work.resolve("cameras")).birthCertificates(Fleet.BirthCertificateIssuer.of(pki))
                    .mcs(mcs.uplinkUri(), List.of(pki.localCaCertificate())).reconnectSchedule(schedule)
                    .parallelism(2).tlsImplementation(tls).build().start();
            ProvisioningRole provisioning = mcs.role(ProvisioningRole.class).orElseThrow();
            List<String> serials = new ArrayList<>();
            for (int i = 0; i < warmup + n; i++) {
                serials.add(fleet.serialNumber(i));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!serials.stream().allMatch(provisioning.registry()::isOnline)) {
                if (System.nanoTime() > deadline) {
                    log("FAILED: not every camera came online on the MCS");
                    return false;
                }
                Thread.sleep(100);
            }
            log("%d cameras online on the MCS after %.1f s", serials.size(), (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            List<String> tokens = shareTokens(pool, serials, claimCodes);
            log("%d claimed and share tokens issued in %.1f s", tokens.size(), (System.nanoTime() - t0) / 1e9);

            if (warmup > 0) {
                Result warm = onboard(tokens.subList(0, warmup), timeout, false);
                log("warm-up: %d cameras in %.2f s (%.0f cameras/s), CPU %.1f ms/camera, of it the JIT compiler threads"
                        + " %.1f ms", warmup, warm.seconds(), warmup / warm.seconds(), warm.cpuNanos() / 1e6 / warmup,
                        warm.threadCpuSeconds().getOrDefault(ThreadGroupsCpu.JIT, 0.0) * 1e3 / warmup);
                Thread.sleep(2000);
            }
            settleJit(Duration.ofSeconds(option("jit-settle-seconds", 0)));
            NativeProfile idleProfile = option("profile", 0) == 2 ? NativeProfile.start() : null;
            long idle0 = processCpuNanos();
            Map<String, Double> idleThreads0 = ThreadGroupsCpu.byName();
            Thread.sleep(3000);
            double idleCores = (processCpuNanos() - idle0) / 3e9;
            log("idle window, cores by thread (/proc, 10 ms ticks): %s", ThreadGroupsCpu.busiest(
                    ThreadGroupsCpu.between(idleThreads0, ThreadGroupsCpu.byName()), 3.0, 8));
            if (idleProfile != null) {
                log("async-profiler samples of the idle window: %s", idleProfile.stop());
            }
            log("idle before the add (nodes, %d cameras online, pollers): %.3f cores busy", warmup + n, idleCores);
            log("measuring %d cameras; load %s", n, load());
            Result measured = onboard(tokens.subList(warmup, warmup + n), timeout, true);
            if (!measured.complete()) {
                return false;
            }
            Duration floorTime = Duration.ofSeconds(option("floor-seconds", 2));
            OnboardingFloor floorRun = new OnboardingFloor(pki, floorTime, tls);
            Map<String, OnboardingFloor.Operation> floor = floorRun.measure();
            report(n, batchSize, schedule, measured, floor, floorRun.tlsProvider(), idleCores);
            return true;
        } finally {
            if (handshakeCount != null) {
                handshakeCount.close();
            }
            pool.shutdownNow();
            if (fleet != null) {
                fleet.close();
            }
            if (ocs != null) {
                ocs.close();
            }
            if (mcs != null) {
                mcs.close();
            }
            deleteTree(work);
        }
    }

    // ------------------------------------------------------------------------------------------------- set-up

    /** Claims every camera on the MCS and issues it a share token; the tokens in the order of {@code serials}. */
    private List<String> shareTokens(ExecutorService pool, List<String> serials, FactoryClaimCodes codes)
            throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        for (String serial : serials) {
            futures.add(pool.submit((Callable<String>) () -> {
                String claim = "{\"claimCode\":\"" + codes.claimCode(serial) + "\"}";
                HttpResponse<String> claimed = post(mcs, "/api/v1/devices/" + serial + "/claim", mcsKey, claim);
                for (int attempt = 0; claimed.statusCode() != 200 && attempt < 600; attempt++) {
                    Thread.sleep(100); // the factory claim code is set when the camera comes online
                    claimed = post(mcs, "/api/v1/devices/" + serial + "/claim", mcsKey, claim);
                }
                if (claimed.statusCode() != 200) {
                    throw new IllegalStateException("claim " + serial + ": " + claimed.statusCode() + " "
                            + claimed.body());
                }
                HttpResponse<String> issued = post(mcs, "/api/v1/devices/" + serial + "/share-tokens", mcsKey,
                        "{\"mode\":\"share\"}");
                if (issued.statusCode() != 201) {
                    throw new IllegalStateException("share token " + serial + ": " + issued.statusCode() + " "
                            + issued.body());
                }
                return JSON.readTree(issued.body()).get("shareToken").asText();
            }));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> future : futures) {
            tokens.add(future.get());
        }
        return tokens;
    }

    // ------------------------------------------------------------------------------------------------ measured

    /** What one onboarding batch took. */
    private record Result(boolean complete, double seconds, double addSeconds, long cpuNanos,
                          Map<String, Double> threadCpuSeconds, long[] latencyNanos, List<OcsCamera> cameras,
                          Map<String, Integer> handshakes, Map<String, Integer> tokenAudit) {
    }

    private Result onboard(List<String> tokens, Duration timeout, boolean count) throws Exception {
        HandshakeCount handshakes = count ? handshakeCount : null;
        if (handshakes != null) {
            handshakes.begin();
        }
        CpuProfile profile = count && option("profile", 0) == 1 ? new CpuProfile() : null;
        NativeProfile nativeProfile = count && option("profile", 0) == 2 ? NativeProfile.start() : null;
        long auditAfter = lastAuditSequence();
        Map<String, Double> threads0 = ThreadGroupsCpu.snapshot();
        Map<String, Double> switches0 = count ? ThreadGroupsCpu.contextSwitchesByName() : Map.of();
        Map<String, Double> byName0 = count ? ThreadGroupsCpu.byName() : Map.of();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        List<String> clientIds = new ArrayList<>();
        for (int from = 0; from < tokens.size(); from += MAX_TOKENS_PER_ADD) {
            ObjectNode batch = JSON.createObjectNode();
            ArrayNode array = batch.putArray("shareTokens");
            tokens.subList(from, Math.min(tokens.size(), from + MAX_TOKENS_PER_ADD)).forEach(array::add);
            HttpResponse<String> added = post(ocs, "/api/v1/cameras", ocsOwner.apiKey(), JSON.writeValueAsString(batch));
            if (added.statusCode() != 200) {
                throw new IllegalStateException("add: " + added.statusCode() + " " + added.body());
            }
            for (JsonNode result : JSON.readTree(added.body()).get("results")) {
                if (!result.has("camera")) {
                    throw new IllegalStateException("add refused a token: " + result);
                }
                clientIds.add(result.get("camera").get("clientId").asText());
            }
        }
        double addSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = t0 + timeout.toNanos();
        while (!verifiedAt.keySet().containsAll(clientIds)) {
            if (System.nanoTime() > deadline) {
                long done = clientIds.stream().filter(verifiedAt::containsKey).count();
                log("FAILED: %d of %d verified after %s", done, clientIds.size(), timeout);
                printStates(clientIds);
                return new Result(false, 0, addSeconds, 0, Map.of(), new long[0], List.of(), Map.of(), Map.of());
            }
            Thread.sleep(5);
        }
        long last = clientIds.stream().mapToLong(verifiedAt::get).max().orElse(t0);
        long cpu = processCpuNanos() - cpu0; // up to now: a few ms of polling after the last verification
        Map<String, Double> threadCpu = ThreadGroupsCpu.between(threads0, ThreadGroupsCpu.snapshot());
        double seconds = (last - t0) / 1e9;
        if (count) {
            logParties(ThreadGroupsCpu.between(byName0, ThreadGroupsCpu.byName()), tokens.size());
            Map<String, Double> switches = ThreadGroupsCpu.between(switches0, ThreadGroupsCpu.contextSwitchesByName());
            log("context switches per camera (/proc, threads alive at both ends): %.0f; by thread: %s",
                    switches.values().stream().mapToDouble(Double::doubleValue).sum() / tokens.size(),
                    ThreadGroupsCpu.busiest(switches, tokens.size(), 8));
        }
        if (profile != null) {
            profile.stop(25, line -> log("%s", line));
        }
        if (nativeProfile != null) {
            log("async-profiler samples (collapsed stacks, all threads incl. JIT and GC): %s", nativeProfile.stop());
        }
        long[] latency = clientIds.stream().mapToLong(id -> verifiedAt.get(id) - t0).sorted().toArray();
        Map<String, Integer> tls = Map.of();
        if (handshakes != null) {
            tls = handshakes.stop(Map.of(
                    mcs.apiUri().getPort(), "MCS API", ocs.apiUri().getPort(), "OCS API",
                    mcs.uplinkUri().getPort(), "MCS uplink", ocs.uplinkUri().getPort(), "OCS uplink"));
        }
        Set<String> ours = Set.copyOf(clientIds);
        OperationalRole operational = ocs.role(OperationalRole.class).orElseThrow();
        List<OcsCamera> cameras = ocs.database().ocsCameras().listByAccount(ocsOwner.account().id()).stream()
                .filter(camera -> ours.contains(camera.clientId())).toList();
        long live = cameras.stream().filter(camera -> camera.state() == OcsCameraState.VERIFIED
                && operational.cameras().isConnected(camera.clientId())).count();
        if (live != clientIds.size()) {
            log("FAILED: only %d of %d are VERIFIED with a live session in the end", live, clientIds.size());
            printStates(clientIds);
            return new Result(false, seconds, addSeconds, cpu, threadCpu, latency, cameras, tls, Map.of());
        }
        return new Result(true, seconds, addSeconds, cpu, threadCpu, latency, cameras, tls,
                tokenAudit(auditAfter, ours));
    }

    private void printStates(List<String> clientIds) {
        Set<String> ours = Set.copyOf(clientIds);
        Map<String, Long> states = new java.util.TreeMap<>();
        for (OcsCamera camera : ocs.database().ocsCameras().listByAccount(ocsOwner.account().id())) {
            if (ours.contains(camera.clientId())) {
                states.merge(camera.state() + camera.lastError().map(e -> " (" + e + ")").orElse(""), 1L, Long::sum);
            }
        }
        log("states: %s", states);
    }

    private long lastAuditSequence() {
        long last = 0;
        List<AuditEntry> page;
        do {
            page = ocs.database().auditLog().find(AuditQuery.first(10_000).after(last));
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1).sequence();
            }
        } while (page.size() == 10_000);
        return last;
    }

    /** The authorization server's audit entries of our clients since {@code after}: action to count. */
    private Map<String, Integer> tokenAudit(long after, Set<String> clientIds) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        long last = after;
        List<AuditEntry> page;
        do {
            page = ocs.database().auditLog().find(AuditQuery.first(10_000).withActor(AUTHORIZATION_SERVER)
                    .after(last));
            for (AuditEntry entry : page) {
                last = entry.sequence();
                if (clientIds.contains(entry.event().subject())) {
                    String detail = entry.event().detail();
                    String reason = detail.contains("error=") ? " " + detail.replaceAll(".*error=(\\S+).*", "$1")
                            : "";
                    counts.merge(entry.event().action() + reason, 1, Integer::sum);
                }
            }
        } while (page.size() == 10_000);
        return counts;
    }

    // -------------------------------------------------------------------------------------------------- report

    private void report(int n, int batchSize, ReconnectSchedule schedule, Result r,
                        Map<String, OnboardingFloor.Operation> floor, String floorTls, double idleCores) {
        int cores = Runtime.getRuntime().availableProcessors();
        double perSecond = n / r.seconds();
        double cpuMs = r.cpuNanos() / 1e6 / n;
        log("add request(s) answered after %.2f s", r.addSeconds());
        log("of the CPU, idle activity at the rate measured before the add: %.1f ms/camera", idleCores * r.seconds()
                * 1e3 / n);
        double jitMs = r.threadCpuSeconds().getOrDefault(ThreadGroupsCpu.JIT, 0.0) * 1e3 / n;
        log("of the CPU, by thread (/proc, 10 ms ticks): JIT compiler threads %.1f ms/camera, GC threads %.1f, the "
                        + "rest %.1f", jitMs, r.threadCpuSeconds().getOrDefault(ThreadGroupsCpu.GC, 0.0) * 1e3 / n,
                r.threadCpuSeconds().getOrDefault(ThreadGroupsCpu.OTHER, 0.0) * 1e3 / n);
        log("latency from the add to verified: p50 %.2f s, p99 %.2f s, max %.2f s", pct(r.latencyNanos(), 50),
                pct(r.latencyNanos(), 99), pct(r.latencyNanos(), 100));
        stage(r.cameras(), "added -> startDeviceSharing acknowledged", OcsCamera::created,
                c -> c.sharingRequested().orElseThrow());
        stage(r.cameras(), "startDeviceSharing acknowledged -> registered (deviceSharingCompleted)",
                c -> c.sharingRequested().orElseThrow(), c -> c.registered().orElseThrow());
        stage(r.cameras(), "registered -> verified (token, uplink, GetDeviceInformation)",
                c -> c.registered().orElseThrow(), c -> c.verified().orElseThrow());
        log("token endpoint, audit of these %d cameras: %s", n, r.tokenAudit());
        if (r.handshakes().keySet().equals(Set.of(HandshakeCount.TCP_OPENS))) {
            log("TLS handshakes: not counted (BoringSSL; JFR records the JDK's TLS only, see the TCP connections)");
        } else {
            log("JDK TLS handshakes completed during the measurement (client side: server <- client thread):");
        }
        r.handshakes().forEach((what, count) -> log("  %6d  %s", count, what));

        // the floor of one onboarding: per camera, plus the per-batch handshake amortised
        int batches = (n + batchSize - 1) / batchSize;
        Map<String, Double> perCamera = new LinkedHashMap<>();
        floor.values().stream().filter(op -> !op.name().startsWith("TLS") && !op.name().startsWith("share token sign"))
                .forEach(op -> perCamera.put(op.name(), op.micros()));
        double tls = floor.get(OnboardingFloor.TLS_HANDSHAKE).micros();
        perCamera.put("TLS: camera -> OCS authorization server (metadata + token request)", tls);
        perCamera.put("TLS: camera -> OCS uplink", tls);
        // the clouds talk over keep-alive connections: at least one per batch each way is needed
        perCamera.put(String.format("TLS: MCS -> OCS deviceSharingCompleted (%d per %d cameras)", batches, n),
                tls * batches / n);
        perCamera.put(String.format("TLS: OCS -> MCS startDeviceSharing (%d per %d cameras)", batches, n),
                tls * batches / n);
        double floorMicros = perCamera.values().stream().mapToDouble(Double::doubleValue).sum();
        Integer opened = r.handshakes().get(HandshakeCount.TCP_OPENS);
        if (opened != null) {
            log("TCP connections opened per camera: %.2f (the floor counts %.2f)", opened / (double) n,
                    2 + 2.0 * batches / n);
        }
        log("floor per camera (one thread, CPU time; every party on this machine; TLS by %s):", floorTls);
        floor.values().forEach(op -> log("  %8.1f us  %s", op.micros(), op.name()));
        log("  counted per camera:");
        perCamera.forEach((name, micros) -> log("  %8.1f us  %s", micros, name));
        log("  %8.1f us  = floor per camera (%.0f cameras/s on %d cores); share token sign (%.1f us) is in the "
                        + "set-up, not counted", floorMicros, cores * 1e6 / floorMicros, cores,
                floor.get("share token sign (ES256)").micros());
        log("RESULT onboarding n=%d batch=%d reconnect=%s..%s: %.2f s, %.0f cameras/s, CPU %.1f ms/camera "
                        + "(%.2f cores busy; without the JIT %.1f), floor %.2f ms/camera (measured/floor %.1fx; without "
                        + "the JIT %.1fx), latency p50 %.2f s p99 %.2f s, %s, load %s",
                n, batchSize, schedule.shortestStart().toMillis(), schedule.longestStart().toMillis(), r.seconds(),
                perSecond, cpuMs, r.cpuNanos() / 1e9 / r.seconds(), cpuMs - jitMs, floorMicros / 1e3,
                cpuMs * 1e3 / floorMicros, (cpuMs - jitMs) * 1e3 / floorMicros, pct(r.latencyNanos(), 50),
                pct(r.latencyNanos(), 99), Runtime.version(), load());
    }

    private static void stage(List<OcsCamera> cameras, String name, java.util.function.Function<OcsCamera, Instant> from,
                              java.util.function.Function<OcsCamera, Instant> to) {
        try {
            long[] millis = cameras.stream().mapToLong(c -> Duration.between(from.apply(c), to.apply(c)).toMillis())
                    .sorted().toArray();
            log("stage %s: p50 %.2f s, p99 %.2f s, max %.2f s", name, pct(millis, 50) * 1e6, pct(millis, 99) * 1e6,
                    pct(millis, 100) * 1e6);
        } catch (RuntimeException e) {
            log("stage %s: no timestamps (%s)", name, e);
        }
    }

    /** The percentile of sorted nanoseconds, in seconds. */
    private static double pct(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e9;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private HttpResponse<String> post(CloudNode node, String path, String apiKey, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.apiUri().resolve(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void log(String format, Object... values) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), String.format(format, values));
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory
        }
    }

    /** {@code --name value} pairs. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs: " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
