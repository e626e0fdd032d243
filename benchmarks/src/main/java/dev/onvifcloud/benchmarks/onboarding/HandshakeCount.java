package dev.onvifcloud.benchmarks.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The TLS handshakes completed in this JVM while it runs, from JFR's {@code jdk.TLSHandshake} event (the only event
 * recorded): the client side of each names the server's port, so a handshake is attributed to the server it went to
 * and to the client thread that made it (digits in thread names folded, so a pool counts as one). Server-side
 * events carry no peer port (-1, read as 65535, or 0) and are counted apart. Also the TCP connections this host
 * opened ({@code ActiveOpens} of {@code /proc/net/snmp}, every process of the host).
 *
 * <p>JFR sees only the JDK's TLS: with BoringSSL there is nothing to record, so no recording runs (a recording costs
 * CPU and compiled code of its own, which the measurement would be charged) and only the TCP connections are counted.
 */
final class HandshakeCount implements AutoCloseable {

    /** The key of the count of TCP connections opened. */
    static final String TCP_OPENS = "TCP connections opened by the host (/proc/net/snmp ActiveOpens)";

    private final Optional<Recording> recording;
    private long activeOpens0;
    private Instant from = Instant.MIN;

    /**
     * Starts recording if {@code jdkTls}. Do this before the warm-up: the first recording of a JVM instruments JDK
     * classes, which throws away compiled code that inlined them, and the recompilation would be charged to the
     * measurement.
     *
     * @param jdkTls whether the handshakes are the JDK's (JFR records them) rather than BoringSSL's (it does not)
     */
    HandshakeCount(boolean jdkTls) {
        if (jdkTls) {
            Recording started = new Recording();
            started.enable("jdk.TLSHandshake");
            started.setToDisk(true);
            started.start();
            recording = Optional.of(started);
        } else {
            recording = Optional.empty();
        }
    }

    /** From now on: what {@link #stop} counts. */
    void begin() {
        activeOpens0 = activeOpens();
        from = Instant.now();
    }

    /**
     * Stops the recording and counts: {@code "<server> <- <client thread>"} to count, servers named by {@code ports}
     * (port to name), others by port; server-side handshakes as {@code "(server side)"}.
     */
    Map<String, Integer> stop(Map<Integer, String> ports) throws IOException {
        long opens = activeOpens() - activeOpens0;
        if (recording.isEmpty()) {
            return Map.of(TCP_OPENS, (int) opens);
        }
        Recording active = recording.get();
        active.stop();
        Path file = Files.createTempFile("onboarding-tls", ".jfr");
        try {
            active.dump(file);
            Map<String, Integer> counts = new TreeMap<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.TLSHandshake") || event.getStartTime().isBefore(from)) {
                    continue; // another recording's events share the chunks
                }
                int port = event.getInt("peerPort");
                String thread = event.getThread() == null ? "?" : event.getThread().getJavaName();
                String client = thread == null ? "?" : thread.replaceAll("[0-9]+", "#");
                String key = port <= 0 || port == 65_535 ? "(server side, no peer port)"
                        : ports.getOrDefault(port, "port " + port) + " <- " + client;
                counts.merge(key, 1, Integer::sum);
            }
            counts.put(TCP_OPENS, (int) opens);
            return counts;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() {
        recording.ifPresent(Recording::close);
    }

    private static long activeOpens() {
        try {
            String[] lines = Files.readAllLines(Path.of("/proc/net/snmp")).stream()
                    .filter(line -> line.startsWith("Tcp:")).toArray(String[]::new);
            String[] names = lines[0].split("\\s+");
            String[] values = lines[1].split("\\s+");
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals("ActiveOpens")) {
                    return Long.parseLong(values[i]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no count
        }
        return 0;
    }
}
