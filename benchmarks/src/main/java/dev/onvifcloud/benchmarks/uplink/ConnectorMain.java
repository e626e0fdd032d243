package dev.onvifcloud.benchmarks.uplink;

import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkResponse;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.UplinkConnector;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The camera side of the idle-capacity and reconnect-storm benchmarks: {@code n} connectors with the
 * default reconnect schedule (2-4 s start, doubling to 30 s), sharing one transport, started at a bounded
 * rate. Counts connection attempts and successes per wall-clock second; ends when the acceptor writes
 * {@code done} or after {@code --max-seconds}.
 *
 * <pre>--n 10000 --dir /tmp/x --rate 1000 --max-seconds 600 --io-threads 2</pre>
 */
public final class ConnectorMain {

    private ConnectorMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Bench.args(argv);
        int n = Bench.intArg(a, "n", 10_000);
        Path dir = Path.of(a.get("dir"));
        int rate = Bench.intArg(a, "rate", 1000);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Bench.intArg(a, "max-seconds", 600));

        Optional<String> port = Bench.await(dir.resolve("port"), end);
        if (port.isEmpty()) {
            Bench.log("no acceptor appeared; giving up");
            System.exit(2);
        }
        X509Certificate ca = Bench.readPem(dir.resolve("ca.pem"));
        String url = "https://127.0.0.1:" + port.get() + "/uplink";

        Map<Long, LongAdder[]> perSecond = new ConcurrentHashMap<>(); // epoch second -> {attempts, connected}
        AtomicInteger connected = new AtomicInteger();
        int maxHandshakes = Bench.intArg(a, "max-handshakes", 32);
        java.util.concurrent.Semaphore handshakes = new java.util.concurrent.Semaphore(maxHandshakes);
        java.util.concurrent.atomic.AtomicIntegerArray firstOutcome = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        UplinkRequestHandler handler = (request, level) ->
                CompletableFuture.completedFuture(UplinkResponse.status(204));
        UplinkTransport transport = UplinkTransport.create(Bench.intArg(a, "io-threads", 2));
        List<UplinkConnector> connectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            connectors.add(Bench.camera(transport, url, ca, "cam-" + i, handler)
                    .statusListener(s -> {
                        LongAdder[] c = perSecond.computeIfAbsent(System.currentTimeMillis() / 1000,
                                k -> new LongAdder[]{new LongAdder(), new LongAdder()});
                        if (s.status() != ConnectionStatus.Connecting && firstOutcome.compareAndSet(index, 0, 1)) {
                            handshakes.release();
                        }
                        s.error().ifPresent(e -> errors.computeIfAbsent(e.replaceAll("[0-9]+", "N"),
                                k -> new LongAdder()).increment());
                        if (s.status() == ConnectionStatus.Connecting) {
                            c[0].increment();
                        } else if (s.status() == ConnectionStatus.Connected) {
                            c[1].increment();
                            connected.incrementAndGet();
                        }
                    })
                    .build());
        }
        Bench.log("%d connectors to %s, starting up to %d per second with at most %d first handshakes open", n, url,
                rate, maxHandshakes);
        long started = System.nanoTime();
        int perTick = Math.max(1, rate / 100);
        for (int i = 0; i < n; i += perTick) {
            for (int j = i; j < Math.min(n, i + perTick); j++) {
                // the initial ramp keeps at most max-handshakes first attempts open at once
                if (!handshakes.tryAcquire(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                connectors.get(j).start();
            }
            long due = started + (i / perTick + 1) * TimeUnit.MILLISECONDS.toNanos(10);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        Bench.log("all started after %.1f s", (System.nanoTime() - started) / 1e9);

        Optional<String> done = Bench.await(dir.resolve("done"), end);
        long up = connectors.stream().filter(c -> c.status().status() == ConnectionStatus.Connected).count();
        Bench.log("acceptor %s; %d of %d connectors connected", done.isPresent() ? "done" : "did not finish in time",
                up, n);
        errors.forEach((k, v) -> Bench.log("  status error x%d: %s", v.sum(), k));
        Optional<String> restart = Bench.await(dir.resolve("restart"), System.nanoTime() + 1_000_000_000L);
        if (restart.isPresent()) {
            long r = Long.parseLong(restart.get()) / 1000;
            StringBuilder b = new StringBuilder();
            long peak = 0;
            long total = 0;
            long lastSecond = perSecond.keySet().stream().mapToLong(Long::longValue).max().orElse(r);
            for (long s = r; s <= lastSecond; s++) {
                LongAdder[] c = perSecond.get(s);
                long attempts = c == null ? 0 : c[0].sum();
                long ok = c == null ? 0 : c[1].sum();
                total += attempts;
                peak = Math.max(peak, attempts);
                b.append(String.format("  t=%3d s  attempts %6d  connected %6d  %s%n", s - r, attempts, ok,
                        "#".repeat((int) Math.min(100, attempts / 50))));
            }
            Bench.log("connection attempts (TCP+TLS handshakes started) per second after the restart:%n%s", b);
            Bench.log("RESULT storm-connector n=%d attemptsAfterRestart=%d peakAttemptsPerSecond=%d", n, total, peak);
        }
        System.exit(0); // the JVM's exit closes the sockets; no need to wait for n graceful closes
    }
}
