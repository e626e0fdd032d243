package dev.onvifcloud.benchmarks.uplink;

import dev.onvifcloud.benchmarks.AsyncProfilerLoader;
import dev.onvifcloud.benchmarks.ThreadGroupsCpu;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The cloud side of the idle-capacity and reconnect-storm benchmarks: one acceptor, fed by
 * {@link ConnectorMain} in another JVM through a hand-over directory ({@code ca.pem}, {@code port},
 * {@code restart}, {@code done}).
 *
 * <pre>
 * --mode idle|storm  --n 10000  --dir /tmp/x
 * --connect-seconds 300   wait at most this long for n sessions
 * --settle-seconds 20     (idle) idle time before measuring, so that PINGs have gone both ways; the
 *                         acceptor's CPU is measured over its second half
 * --hold-seconds 35       (storm) time connected before the restart (a camera that was up for the
 *                          schedule's maximum, 30 s, starts over at its first interval)
 * --storm-seconds 180     (storm) wait at most this long for everybody to come back
 * </pre>
 */
public final class AcceptorMain {

    private AcceptorMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = Bench.args(argv);
        String mode = a.getOrDefault("mode", "idle");
        int n = Bench.intArg(a, "n", 10_000);
        Path dir = Path.of(a.get("dir"));
        int connectSeconds = Bench.intArg(a, "connect-seconds", 300);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(connectSeconds);
        try {
            run(mode, n, dir, a, end);
        } finally {
            Bench.writeAtomically(dir.resolve("done"), "done");
        }
        System.exit(0);
    }

    private static void run(String mode, int n, Path dir, Map<String, String> a, long end) throws Exception {
        Bench.Pki pki = Bench.Pki.mint();
        UplinkTransport transport = UplinkTransport.create();
        UplinkAcceptor acceptor = acceptor(pki, transport, new InetSocketAddress("127.0.0.1", 0), null).start();
        int port = acceptor.localAddress().getPort();
        Bench.writeAtomically(dir.resolve("ca.pem"), Bench.pem(pki.ca()));
        Bench.writeAtomically(dir.resolve("port"), Integer.toString(port));

        long heap0 = Bench.heapAfterFullGc();
        long rss0 = Bench.rss();
        Bench.log("acceptor on port %d, mode %s, n %d; baseline heap %s, RSS %s, JDK %s", port, mode, n,
                Bench.mib(heap0), Bench.mib(rss0), Runtime.version());

        long t0 = System.nanoTime();
        if (!awaitSessions(acceptor, n, end)) {
            Bench.log("RESULT %s n=%d FAILED: only %d sessions after the connect timeout", mode, n,
                    acceptor.sessions().size());
            return;
        }
        Bench.log("%d sessions up after %.1f s (load %s)", n, (System.nanoTime() - t0) / 1e9, Bench.loadAverage());

        if (mode.equals("idle")) {
            int settle = Bench.intArg(a, "settle-seconds", 20);
            Thread.sleep(TimeUnit.SECONDS.toMillis(settle) / 2);
            double idleCores = idleCores(TimeUnit.SECONDS.toMillis(settle) - TimeUnit.SECONDS.toMillis(settle) / 2);
            Bench.log("idle CPU of the acceptor over the second half of the settle time, without the JIT compiler"
                    + " threads: %.3f cores, %.1f us per second per uplink", idleCores,
                    idleCores * 1e6 / acceptor.sessions().size());
            long heap = Bench.heapAfterFullGc();
            long rss = Bench.rss();
            int live = acceptor.sessions().size();
            Bench.log("class histogram of the acceptor with %d idle uplinks (top):%n%s", live, Bench.classHistogram(28));
            Bench.log("netty allocator %s: %s; netty direct memory counter %s", ByteBufAllocator.DEFAULT.getClass()
                            .getSimpleName(), allocatorMetric(), Bench.mib(PlatformDependent.usedDirectMemory()));
            Bench.log("RESULT idle n=%d live=%d heapBase=%s heap=%s heapPerUplink=%s rssBase=%s rss=%s rssPerUplink=%s "
                            + "idleCpuPerUplink=%.1fus/s load=%s", n, live, Bench.mib(heap0), Bench.mib(heap),
                    Bench.kib((heap - heap0) / (double) live), Bench.mib(rss0), Bench.mib(rss),
                    Bench.kib((rss - rss0) / (double) live), idleCores * 1e6 / live, Bench.loadAverage());
            return;
        }

        // storm
        int hold = Bench.intArg(a, "hold-seconds", 35);
        int stormSeconds = Bench.intArg(a, "storm-seconds", 180);
        Thread.sleep(TimeUnit.SECONDS.toMillis(hold));
        AtomicIntegerArray upPerSecond = new AtomicIntegerArray(stormSeconds + 1);
        long restart = System.nanoTime();
        Bench.writeAtomically(dir.resolve("restart"), Long.toString(System.currentTimeMillis()));
        acceptor.close();
        double closeSeconds = (System.nanoTime() - restart) / 1e9;
        SessionListener counter = new SessionListener() {
            @Override
            public void sessionUp(UplinkSession session) {
                int s = (int) ((System.nanoTime() - restart) / 1_000_000_000L);
                upPerSecond.incrementAndGet(Math.min(s, stormSeconds));
            }

            @Override
            public void sessionDown(UplinkSession session) {
            }
        };
        UplinkAcceptor second = acceptor(pki, transport, new InetSocketAddress("127.0.0.1", port), counter).start();
        double rebindSeconds = (System.nanoTime() - restart) / 1e9;
        Bench.log("old acceptor closed in %.2f s, new one listening %.2f s after the restart began", closeSeconds,
                rebindSeconds);
        long stormEnd = restart + TimeUnit.SECONDS.toNanos(stormSeconds);
        boolean all = awaitSessions(second, n, stormEnd);
        double back = (System.nanoTime() - restart) / 1e9;
        Thread.sleep(1500); // let the last second's bucket fill
        StringBuilder histogram = new StringBuilder();
        int peak = 0;
        int peakAt = 0;
        int last = (int) Math.min(stormSeconds, Math.ceil(back));
        for (int s = 0; s <= last; s++) {
            int c = upPerSecond.get(s);
            histogram.append(String.format("  t=%3d s  %6d  %s%n", s, c, "#".repeat(Math.min(100, c / 50))));
            if (c > peak) {
                peak = c;
                peakAt = s;
            }
        }
        Bench.log("sessions up per second after the restart (t=0: old acceptor closing):%n%s", histogram);
        Bench.log("RESULT storm n=%d allBack=%s timeToAllBack=%.1fs peakSessionsPerSecond=%d (at t=%d s) live=%d load=%s",
                n, all, back, peak, peakAt, second.sessions().size(), Bench.loadAverage());
    }

    private static UplinkAcceptor acceptor(Bench.Pki pki, UplinkTransport transport, InetSocketAddress bind,
                                           SessionListener listener) {
        UplinkAcceptor.Builder b = UplinkAcceptor.builder()
                .transport(transport)
                .bindAddress(bind)
                .serverCredential(pki.server())
                .authenticator(Bench.AUTHENTICATOR);
        if (listener != null) {
            b.sessionListener(listener);
        }
        return b.build();
    }

    /**
     * This process's CPU over the next {@code millis}, in cores, without the JIT compiler threads (which may still be
     * compiling what the connections' set-up made hot); the busiest threads are logged. With
     * {@code -Dasyncprofiler.jar=... -Dasyncprofiler.lib=...} the window is also profiled
     * ({@code -Dasyncprofiler.event=cpu} for perf events, default {@code ctimer}) to a collapsed-stacks file.
     */
    private static double idleCores(long millis) throws Exception {
        boolean profile = System.getProperty("asyncprofiler.jar") != null;
        if (profile) {
            AsyncProfilerLoader.execute("start,event=" + System.getProperty("asyncprofiler.event", "ctimer")
                    + ",interval=1ms,threads");
        }
        long cpu0 = Bench.processCpuNanos();
        Map<String, Double> threads0 = ThreadGroupsCpu.byName();
        long t0 = System.nanoTime();
        Thread.sleep(millis);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (Bench.processCpuNanos() - cpu0) / 1e9;
        Map<String, Double> byThread = ThreadGroupsCpu.between(threads0, ThreadGroupsCpu.byName());
        if (profile) {
            AsyncProfilerLoader.execute("stop");
            Path file = Files.createTempFile("acceptor-idle-cpu", ".collapsed");
            AsyncProfilerLoader.execute("collapsed,file=" + file);
            Bench.log("async-profiler samples of the idle window: %s", file);
        }
        Bench.log("idle window, cores by thread (/proc, 10 ms ticks): %s",
                ThreadGroupsCpu.busiest(byThread, seconds, 8));
        double jit = byThread.entrySet().stream().filter(e -> ThreadGroupsCpu.isJit(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        return (cpu - jit) / seconds;
    }

    private static boolean awaitSessions(UplinkAcceptor acceptor, int n, long endNanos) throws InterruptedException {
        long nextLog = System.nanoTime();
        while (acceptor.sessions().size() < n) {
            if (System.nanoTime() > endNanos) {
                return false;
            }
            if (System.nanoTime() >= nextLog) {
                Bench.log("  %d sessions (load %s)", acceptor.sessions().size(), Bench.loadAverage());
                nextLog += TimeUnit.SECONDS.toNanos(5);
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static String allocatorMetric() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? "used heap " + Bench.mib(p.metric().usedHeapMemory()) + ", used direct "
                + Bench.mib(p.metric().usedDirectMemory())
                : "no metric";
    }
}
