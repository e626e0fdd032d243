package dev.onvifcloud.benchmarks.uplink;

import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import dev.onvifcloud.uplink.device.UplinkConnector;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Small requests (200-byte SOAP-sized body, 200-byte response) with a fixed number of outstanding
 * requests, through 1 and 100 uplinks (cloud sends via {@code UplinkSession.send}) and over 1 and 100
 * direct HTTP/2 TLS connections serving the same handler, all in one JVM and one run.
 *
 * <p>Each tunnel path has a direct path with the same executor model, and the ratio is taken between
 * those two: the server side (camera / direct server) runs the handler on a worker pool in both, and
 * the client side (cloud / direct client) completes the caller's future
 * <ul>
 *   <li>on a worker pool: {@code tunnel} (the acceptor's default) vs {@code direct-workers};</li>
 *   <li>on the network thread: {@code tunnel-inline} ({@code completionExecutor(Runnable::run)}) vs
 *       {@code direct}.</li>
 * </ul>
 * {@code direct-inline} (handler on the server's network thread) has no tunnel counterpart: the camera
 * never runs its handler on a network thread; it is there only on request.
 *
 * <p>"CPU µs/request" is the CPU time of the whole JVM (both ends of the connection and the load
 * generator) per completed request: a cost figure that other load on the machine disturbs less than
 * requests/s does.
 *
 * <pre>--outstanding 64 --warmup-seconds 10 --seconds 15 --connections 1,100 --io-threads 2
 * --paths tunnel,tunnel-inline,direct-workers,direct</pre>
 */
public final class TunnelMain {

    private static final String PATH = "/onvif/device_service";
    private static final String SOAP = "application/soap+xml; charset=utf-8";

    private TunnelMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Bench.args(argv);
        int outstanding = Bench.intArg(a, "outstanding", 64);
        int warmup = Bench.intArg(a, "warmup-seconds", 10);
        int seconds = Bench.intArg(a, "seconds", 15);
        int ioThreads = Bench.intArg(a, "io-threads", 2);
        // both paths on the same TLS implementation, so that the comparison is the tunnel's alone
        TlsImplementation tls = TlsImplementation.parse(a.getOrDefault("tls", "auto"));
        int[] connections = Arrays.stream(a.getOrDefault("connections", "1,100").split(","))
                .mapToInt(Integer::parseInt).toArray();
        byte[] requestBody = soap(200);
        byte[] responseBody = soap(200);
        UplinkRequestHandler handler = (request, level) -> {
            byte[] in;
            try {
                in = request.body().readAllBytes();
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (in.length != 200) {
                return CompletableFuture.completedFuture(UplinkResponse.status(400));
            }
            return CompletableFuture.completedFuture(UplinkResponse.of(200,
                    UplinkHeaders.of("content-type", SOAP), UplinkBody.of(responseBody)));
        };

        Bench.Pki pki = Bench.Pki.mint();
        Bench.log("tunnel benchmark, JDK %s, TLS %s (%s), %d outstanding, warm-up %d s, measure %d s, load %s",
                Runtime.version(), tls, tls.sslProviderWithAlpn(), outstanding, warmup, seconds, Bench.loadAverage());
        List<String> paths = List.of(a.getOrDefault("paths", "tunnel,tunnel-inline,direct-workers,direct").split(","));
        Map<String, Row> rows = new LinkedHashMap<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        int maxConnections = Arrays.stream(connections).max().orElse(1);

        // --- through the uplink: send()'s futures complete on the worker pool (default), or inline on
        // the network thread (completionExecutor(Runnable::run), for callers that never block) ---
        for (String path : List.of("tunnel", "tunnel-inline")) {
            if (!paths.contains(path)) {
                continue;
            }
            boolean inline = path.equals("tunnel-inline");
            UplinkTransport cloudSide = UplinkTransport.create(ioThreads);
            UplinkTransport cameraSide = UplinkTransport.create(ioThreads);
            UplinkAcceptor.Builder builder = UplinkAcceptor.builder().transport(cloudSide)
                    .bindAddress(new InetSocketAddress("127.0.0.1", 0))
                    .serverCredential(pki.server()).authenticator(Bench.AUTHENTICATOR).tlsImplementation(tls);
            if (inline) {
                builder.completionExecutor(Runnable::run);
            }
            UplinkAcceptor acceptor = builder.build().start();
            String url = "https://127.0.0.1:" + acceptor.localAddress().getPort() + "/uplink";
            List<UplinkConnector> cameras = new ArrayList<>();
            List<UplinkSession> sessions = new ArrayList<>();
            for (int i = 0; i < maxConnections; i++) {
                UplinkConnector c = Bench.camera(cameraSide, url, pki.ca(), "cam-" + i, handler)
                        .tlsImplementation(tls).build();
                c.start();
                cameras.add(c);
            }
            for (int i = 0; i < maxConnections; i++) {
                sessions.add(awaitSession(acceptor, "cam-" + i));
            }
            for (int k : connections) {
                List<UplinkSession> use = sessions.subList(0, k);
                rows.put(path + "/" + k, run(path, k, outstanding, warmup, seconds, deadline,
                        slot -> use.get(slot % k)
                        .send(UplinkRequest.post(PATH, UplinkHeaders.of("content-type", SOAP), UplinkBody.of(requestBody)))
                        .thenApply(TunnelMain::readBody)));
            }
            cameras.forEach(UplinkConnector::close);
            acceptor.close();
            cameraSide.close();
            cloudSide.close();
        }

        // --- direct HTTP/2, same handler; server and client each with their own worker pool, as the
        // camera and the cloud each have theirs ---
        for (String path : List.of("direct-workers", "direct", "direct-inline")) {
            if (!paths.contains(path)) {
                continue;
            }
            ExecutorService serverWorkers = Executors.newCachedThreadPool(daemon("direct-worker"));
            ExecutorService clientWorkers = Executors.newCachedThreadPool(daemon("direct-completion"));
            Executor completions = path.equals("direct-workers") ? clientWorkers : Runnable::run;
            try (DirectHttp2 direct = new DirectHttp2(pki, tls, handler, serverWorkers, path.equals("direct-inline"),
                    completions, ioThreads)) {
                List<DirectHttp2.Connection> conns = new ArrayList<>();
                for (int i = 0; i < maxConnections; i++) {
                    conns.add(direct.connect());
                }
                for (int k : connections) {
                    List<DirectHttp2.Connection> use = conns.subList(0, k);
                    rows.put(path + "/" + k, run(path, k, outstanding, warmup, seconds, deadline,
                            slot -> use.get(slot % k).post(PATH, SOAP, requestBody)));
                }
                conns.forEach(DirectHttp2.Connection::close);
            } finally {
                serverWorkers.shutdownNow();
                clientWorkers.shutdownNow();
            }
        }

        System.out.println();
        System.out.println("| path | connections | outstanding | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | CPU µs/request |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.values().forEach(r -> System.out.println(r.line()));
        System.out.println();
        System.out.println("| same executor model | connections | tunnel/direct requests/s |");
        System.out.println("|---|---|---|");
        for (String[] pair : new String[][]{{"tunnel", "direct-workers"}, {"tunnel-inline", "direct"}}) {
            for (int k : connections) {
                Row t = rows.get(pair[0] + "/" + k);
                Row d = rows.get(pair[1] + "/" + k);
                if (t != null && d != null) {
                    System.out.printf("| ratio %s / %s | %d | %.2f |%n", pair[0], pair[1], k, t.rps() / d.rps());
                }
            }
        }
        Bench.log("RESULT tunnel done, load %s", Bench.loadAverage());
        System.exit(0);
    }

    private static byte[] readBody(UplinkResponse response) {
        try {
            byte[] body = response.body().readAllBytes();
            if (response.status() != 200 || body.length != 200) {
                throw new IOException("unexpected response " + response.status() + " with " + body.length + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UplinkSession awaitSession(UplinkAcceptor acceptor, String id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            var s = acceptor.sessions().find(new CameraIdentity(id));
            if (s.isPresent() && s.get().isOpen()) {
                return s.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("camera " + id + " did not connect");
    }

    /** Closed loop: {@code outstanding} slots, each issuing its next request when the previous one ended. */
    private record Row(String line, double rps) {
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static Row run(String name, int connections, int outstanding, int warmup, int seconds,
                              long deadline, IntFunction<CompletableFuture<byte[]>> call) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger running = new AtomicInteger(outstanding);
        long start = System.nanoTime();
        long stopAt = Math.min(deadline, start + TimeUnit.SECONDS.toNanos(warmup + seconds));
        class Slot {
            final int id;

            Slot(int id) {
                this.id = id;
            }

            void next() {
                if (System.nanoTime() >= stopAt) {
                    running.decrementAndGet();
                    return;
                }
                long t0 = System.nanoTime();
                CompletableFuture<byte[]> f;
                try {
                    f = call.apply(id);
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                f.orTimeout(30, TimeUnit.SECONDS).whenComplete((body, error) -> {
                    if (error == null) {
                        recorder.recordValue(System.nanoTime() - t0);
                        completed.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    next();
                });
            }
        }
        for (int i = 0; i < outstanding; i++) {
            new Slot(i).next();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        recorder.getIntervalHistogram(); // discard the warm-up
        long c0 = completed.get();
        long e0 = errors.get();
        long cpu0 = processCpuNanos();
        long m0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long m1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        long count = completed.get() - c0;
        long errs = errors.get() - e0;
        Histogram h = recorder.getIntervalHistogram();
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(35);
        while (running.get() > 0 && System.nanoTime() < drainEnd) {
            Thread.sleep(10);
        }
        double rps = count / ((m1 - m0) / 1e9);
        String row = String.format("| %s | %d | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %d | %.1f |", name, connections,
                outstanding, rps, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, errs,
                count == 0 ? 0.0 : (cpu1 - cpu0) / 1e3 / count);
        Bench.log("%s (load %s)", row, Bench.loadAverage());
        return new Row(row, rps);
    }

    /** CPU time of this whole process (all threads, both ends), less sensitive to other load than requests/s. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static byte[] soap(int size) {
        String head = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>";
        String tail = "</s:Body></s:Envelope>";
        StringBuilder b = new StringBuilder(head);
        while (b.length() + tail.length() < size) {
            b.append('x');
        }
        return b.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }
}
