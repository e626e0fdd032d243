package dev.onvifcloud.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this process's threads by kind, read from {@code /proc/self/task} (Linux; clock ticks, usually
 * 10 ms): the JIT compilers ({@code C1/C2 CompilerThre...}), the garbage collector ({@code GC ...}, {@code G1 ...})
 * and everything else. Lets a benchmark tell the cost of its work (a grant, an onboarding) from the JIT still compiling, which on a
 * busy 2-core machine goes on long after the warm-up. Threads that ended between two snapshots are lost; the JVM's
 * compiler and GC threads live as long as the process. Used by the token and onboarding benchmarks.
 */
public final class ThreadGroupsCpu {

    public static final String JIT = "jit";
    public static final String GC = "gc";
    public static final String OTHER = "other";

    private static final long TICKS_PER_SECOND = 100;

    private ThreadGroupsCpu() {
    }

    /** Seconds of CPU per kind so far; empty when /proc cannot be read. */
    public static Map<String, Double> snapshot() {
        Map<String, Double> seconds = new HashMap<>();
        byName().forEach((name, value) -> seconds.merge(kind(name), value, Double::sum));
        return seconds;
    }

    /**
     * Seconds of CPU so far per thread name, numbers replaced by {@code #} so that a pool's threads add up
     * ({@code uplink-io-8-1} and {@code uplink-io-8-2} are {@code uplink-io-#-#}); empty when /proc cannot be read.
     */
    public static Map<String, Double> byName() {
        return perThreadName(task -> {
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks / (double) TICKS_PER_SECOND;
        });
    }

    /** {@code after - before} per kind. */
    public static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new HashMap<>();
        after.forEach((kind, value) -> spent.put(kind, value - before.getOrDefault(kind, 0.0)));
        return spent;
    }

    /**
     * Context switches so far (voluntary and not) per thread name, numbers replaced by {@code #} as in
     * {@link #byName()}; empty when /proc cannot be read. On a virtual machine each switch to a sleeping thread costs a
     * wakeup, often an exit to the hypervisor, which the CPU time of the threads alone does not show.
     */
    public static Map<String, Double> contextSwitchesByName() {
        return perThreadName(task -> {
            long count = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    count += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return (double) count;
        });
    }

    /** A figure read from one thread's directory under /proc/self/task. */
    @FunctionalInterface
    private interface TaskReading {
        double read(Path task) throws IOException;
    }

    /** {@code reading} summed per thread name (numbers as {@code #}); threads that end meanwhile are left out. */
    private static Map<String, Double> perThreadName(TaskReading reading) {
        Map<String, Double> sums = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    sums.merge(comm.replaceAll("[0-9]+", "#"), reading.read(task), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return sums;
    }

    /** The busiest {@code limit} entries of {@code seconds} (of {@link #byName()}), as cores over the window. */
    public static String busiest(Map<String, Double> seconds, double windowSeconds, int limit) {
        String busiest = seconds.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
                .map(e -> String.format("%s %.3f", e.getKey(), e.getValue() / windowSeconds))
                .collect(Collectors.joining(", "));
        return busiest.isEmpty() ? "none" : busiest;
    }

    /** Whether a thread name (of {@link #byName()}) is a JIT compiler thread's. */
    public static boolean isJit(String name) {
        return name.contains("CompilerThre");
    }

    /** Whether a thread name (of {@link #byName()}) is a garbage collector thread's. */
    public static boolean isGc(String name) {
        return name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("G# ");
    }

    private static String kind(String comm) {
        if (isJit(comm)) {
            return JIT;
        }
        if (isGc(comm)) {
            return GC;
        }
        return OTHER;
    }
}
