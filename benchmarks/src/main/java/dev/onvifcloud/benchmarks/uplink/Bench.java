package dev.onvifcloud.benchmarks.uplink;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.UplinkConnector;

import javax.management.ObjectName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Shared plumbing of the uplink benchmark mains: arguments, certificates, hand-over files, memory. */
final class Bench {

    private Bench() {
    }

    /** {@code --key value} pairs. */
    static Map<String, String> args(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key value pairs, got " + args[i]);
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        return m;
    }

    static int intArg(Map<String, String> a, String key, int dflt) {
        return a.containsKey(key) ? Integer.parseInt(a.get(key)) : dflt;
    }

    /** A development PKI minted at run time and the cloud's server credential from it. */
    record Pki(DevelopmentPki pki, TlsCredential server) {
        static Pki mint() {
            DevelopmentPki pki = DevelopmentPki.generate(Clock.systemUTC());
            IssuedCredential c = pki.issueServerCertificate("uplink-bench", List.of("localhost"), List.of("127.0.0.1"));
            return new Pki(pki, new TlsCredential(c.privateKey(), c.chain()));
        }

        X509Certificate ca() {
            return pki.localCaCertificate();
        }
    }

    /** Token {@code token-<id>} is camera {@code id}. */
    static final UplinkAuthenticator AUTHENTICATOR = UplinkAuthenticator.accessTokens(t -> t.startsWith("token-")
            ? AuthenticationResult.accepted(t.substring(6))
            : AuthenticationResult.rejected(AuthenticationResult.Rejection.INVALID_TOKEN));

    static UplinkConnector.Builder camera(UplinkTransport transport, String url, X509Certificate ca, String id,
                                          UplinkRequestHandler handler) {
        return UplinkConnector.builder()
                .transport(transport)
                .remoteAddress(url)
                .trustAnchors(List.of(ca))
                .userLevel(UserLevel.Operator)
                .requestHandler(handler)
                .cameraIdentity(id)
                .accessTokens(() -> CompletableFuture.completedFuture(new AccessToken("token-" + id, Optional.empty())));
    }

    // ---- hand-over files between the acceptor JVM and the connector JVM (a temp dir) ----

    static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    static X509Certificate readPem(Path file) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    /** Waits for a file to appear; empty after the deadline. */
    static Optional<String> await(Path file, long deadlineNanos) throws Exception {
        while (System.nanoTime() < deadlineNanos) {
            if (Files.exists(file)) {
                return Optional.of(Files.readString(file).trim());
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    // ---- memory ----

    /** Heap used after full GCs (System.gc() is a full, stop-the-world collection with G1 by default). */
    static long heapAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** CPU time of this whole process, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** VmRSS of this process in bytes. */
    static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** The first {@code lines} lines of the class histogram of live objects (like jcmd GC.class_histogram). */
    static String classHistogram(int lines) {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            String[] all = out.toString().split("\n");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.min(lines, all.length); i++) {
                b.append(all[i]).append('\n');
            }
            return b.toString();
        } catch (Exception e) {
            return "class histogram unavailable: " + e + "\n";
        }
    }

    static String kib(double bytes) {
        return String.format("%.1f KiB", bytes / 1024);
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024);
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] " + format + "%n", prepend(System.currentTimeMillis(), args));
        System.out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
