package dev.onvifcloud.benchmarks.device;

import dev.onvifcloud.device.DeviceInformation;
import dev.onvifcloud.device.Fleet;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Memory per idle reference camera. This JVM runs only cameras (a {@link Fleet}: shared event loops, shared
 * scheduler); the cloud side, an {@link UplinkAcceptor} that authenticates the factory mTLS uplinks by birth
 * certificate, runs in a child JVM, so nothing of it is counted. Method:
 * <ol>
 *   <li>the heap is fixed and pre-touched ({@code -Xms = -Xmx}, {@code -XX:+AlwaysPreTouch}, see
 *       benchmarks/device-bench.sh), so RSS moves only with native memory (thread stacks, direct buffers, TLS,
 *       metaspace, code);</li>
 *   <li>a warm-up fleet of {@code n/10} cameras connects first (classes loaded, code compiled), then heap used
 *       after full GCs and RSS are taken;</li>
 *   <li>the measured fleet of the other {@code 9n/10} cameras connects, every factory uplink {@code Connected},
 *       idles {@code --settle-seconds}, and heap and RSS are taken again;</li>
 *   <li>per idle camera = difference / cameras added: heap (Java objects), native (RSS), and their sum.</li>
 * </ol>
 *
 * <pre>
 * --n 1000                  cameras in all (warm-up included)
 * --parallelism 2           cameras built at the same time
 * --connect-seconds 600     give up when not all are Connected by then
 * --settle-seconds 15       idle time before measuring
 * --scheme https|wss        the factory uplink's scheme
 * --child-opts "-Xmx2g"     JVM flags of the acceptor JVM
 * </pre>
 */
public final class IdleCameras {

    private static final DeviceInformation MODEL =
            new DeviceInformation("Acme", "CloudCam 1", "1.0.0", "unused", "HW-1");

    private IdleCameras() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = args(argv);
        if (a.containsKey("acceptor")) {
            acceptor(Path.of(a.get("acceptor")));
            return;
        }
        int n = Integer.parseInt(a.getOrDefault("n", "1000"));
        int parallelism = Integer.parseInt(a.getOrDefault("parallelism", "2"));
        long connectSeconds = Long.parseLong(a.getOrDefault("connect-seconds", "600"));
        long settleSeconds = Long.parseLong(a.getOrDefault("settle-seconds", "15"));
        String scheme = a.getOrDefault("scheme", "https");
        Path work = Files.createTempDirectory("idle-cameras");
        DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
        for (Map.Entry<String, String> pem : pki.exportPem().entrySet()) {
            Files.writeString(work.resolve(pem.getKey()), pem.getValue());
        }
        Process child = startAcceptor(work, a.getOrDefault("child-opts", "-Xmx2g"));
        int exit = 1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int port = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port = Integer.parseInt(line.substring(5).trim());
                    break;
                }
            }
            if (port < 0) {
                throw new IllegalStateException("the acceptor JVM did not start");
            }
            URI mcs = URI.create(scheme + "://localhost:" + port + "/uplink");
            exit = measure(pki, mcs, n, parallelism, connectSeconds, settleSeconds, work) ? 0 : 1;
        } finally {
            child.getOutputStream().close(); // the acceptor ends when its stdin does
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            deleteTree(work);
        }
        System.exit(exit);
    }

    private static boolean measure(DevelopmentPki pki, URI mcs, int n, int parallelism, long connectSeconds,
                                   long settleSeconds, Path work) throws Exception {
        int warmup = Math.max(1, n / 10);
        int measured = n - warmup;
        log("%s; %d cores; heap max %s; load %s", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                mib(Runtime.getRuntime().maxMemory()), load());
        long heap0 = heapAfterFullGc();
        long rss0 = rss();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectSeconds);
        UplinkTransport transport = UplinkTransport.create();
        List<Fleet> fleets = new ArrayList<>();
        try {
            Fleet first = fleet(pki, mcs, "W", warmup, parallelism, transport, work);
            fleets.add(first);
            if (!connect(first, warmup, deadline)) {
                return false;
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(Math.min(settleSeconds, 5)));
            long heap1 = heapAfterFullGc();
            long rss1 = rss();
            int threads1 = Thread.activeCount();
            log("warm-up: %d cameras Connected; heap %s, RSS %s, threads %d", warmup, mib(heap1), mib(rss1), threads1);

            long t0 = System.nanoTime();
            Fleet second = fleet(pki, mcs, "M", measured, parallelism, transport, work);
            fleets.add(second);
            log("%d more cameras started in %.1f s", measured, (System.nanoTime() - t0) / 1e9);
            if (!connect(second, measured, deadline)) {
                return false;
            }
            log("all %d Connected after %.1f s (load %s); idling %d s", n, (System.nanoTime() - t0) / 1e9, load(),
                    settleSeconds);
            Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
            int still = first.connected() + second.connected();
            long heap2 = heapAfterFullGc();
            long rss2 = rss();
            int threads2 = Thread.activeCount();
            double heapPer = (heap2 - heap1) / (double) measured;
            double nativePer = (rss2 - rss1) / (double) measured;
            log("measured: %d cameras (%d Connected at the end); heap %s, RSS %s, threads %d", n, still,
                    mib(heap2), mib(rss2), threads2);
            log("RESULT idle-cameras n=%d scheme=%s: per idle camera heap %s + native %s = %s "
                            + "(marginal over the last %d); average incl. warm-up and runtime: heap %s, RSS %s; "
                            + "threads +%d",
                    n, mcs.getScheme(), kib(heapPer), kib(nativePer), kib(heapPer + nativePer), measured,
                    kib((heap2 - heap0) / (double) n), kib((rss2 - rss0) / (double) n), threads2 - threads1);
            return still == n;
        } finally {
            for (Fleet fleet : fleets) {
                fleet.close();
            }
            transport.close();
        }
    }

    private static Fleet fleet(DevelopmentPki pki, URI mcs, String prefix, int size, int parallelism,
                               UplinkTransport transport, Path work) {
        return Fleet.builder().size(size).serialPrefix(prefix).information(MODEL).root(work.resolve("cameras"))
                .birthCertificates(Fleet.BirthCertificateIssuer.of(pki))
                .mcs(mcs, List.of(pki.localCaCertificate()))
                .transport(transport).parallelism(parallelism)
                .build().start();
    }

    private static boolean connect(Fleet fleet, int size, long deadline) throws InterruptedException {
        int connected = 0;
        long lastLog = System.nanoTime();
        while (System.nanoTime() < deadline) {
            connected = fleet.connected();
            if (connected == size) {
                return true;
            }
            if (System.nanoTime() - lastLog > TimeUnit.SECONDS.toNanos(10)) {
                log("%d of %d Connected (load %s)", connected, size, load());
                lastLog = System.nanoTime();
            }
            Thread.sleep(200);
        }
        log("RESULT idle-cameras FAILED: %d of %d Connected at the deadline", connected, size);
        return false;
    }

    // ---------------------------------------------------------------------------------------------- cloud side

    private static Process startAcceptor(Path work, String opts) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(opts.trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IdleCameras.class.getName(),
                "--acceptor", work.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child JVM: an MCS acceptor for the manufacturer's birth certificates, until stdin closes. */
    private static void acceptor(Path work) throws Exception {
        Map<String, String> pem = new HashMap<>();
        for (String name : List.of(DevelopmentPki.LOCAL_CA_CERTIFICATE, DevelopmentPki.LOCAL_CA_PRIVATE_KEY,
                DevelopmentPki.MANUFACTURER_CA_CERTIFICATE, DevelopmentPki.MANUFACTURER_CA_PRIVATE_KEY)) {
            pem.put(name, Files.readString(work.resolve(name)));
        }
        DevelopmentPki pki = DevelopmentPki.importPem(pem, Clock.systemUTC());
        IssuedCredential server = pki.issueServerCertificate("localhost");
        UplinkTransport transport = UplinkTransport.create();
        UplinkAcceptor acceptor = UplinkAcceptor.builder().transport(transport)
                .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                .serverCredential(new TlsCredential(server.privateKey(), server.chain()))
                .clientTrustAnchors(List.of(pki.manufacturerCaCertificate()))
                .authenticator(UplinkAuthenticator.clientCertificates(c ->
                        BirthCertificate.serialNumber(c).map(CameraIdentity::new)))
                .upgradeTimeout(Duration.ofSeconds(60))
                .build().start();
        System.out.println("PORT " + acceptor.localAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to close our stdin
        }
        acceptor.close();
        transport.close();
        System.exit(0);
    }

    // ---------------------------------------------------------------------------------------------- measuring

    private static long heapAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static String load() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String kib(double bytes) {
        return String.format("%.1f KiB", bytes / 1024);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }

    private static void log(String format, Object... args) {
        System.out.printf("[%tT] " + format + "%n", prepend(new java.util.Date(), args));
        System.out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            }
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        return a;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
