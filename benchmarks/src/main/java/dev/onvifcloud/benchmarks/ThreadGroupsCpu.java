package dev.onvifcloud.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    seconds.merge(kind(comm), ticks / (double) TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return seconds;
    }

    /** {@code after - before} per kind. */
    public static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new HashMap<>();
        after.forEach((kind, value) -> spent.put(kind, value - before.getOrDefault(kind, 0.0)));
        return spent;
    }

    private static String kind(String comm) {
        if (comm.contains("CompilerThre")) {
            return JIT;
        }
        if (comm.startsWith("GC ") || comm.startsWith("G1 ")) {
            return GC;
        }
        return OTHER;
    }
}
