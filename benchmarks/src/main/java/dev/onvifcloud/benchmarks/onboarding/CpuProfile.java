package dev.onvifcloud.benchmarks.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU goes while it runs: JFR's execution samples (every 10 ms of each running Java thread), summed by the
 * top frame's method, by the innermost frame of our own code ({@code dev.onvifcloud}), and by thread (digits
 * folded). Sampling costs some CPU itself: a run with it is not a measurement.
 */
final class CpuProfile {

    private final Recording recording = new Recording();

    CpuProfile() {
        recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops, and hands {@code out} the top {@code limit} lines of each view. */
    void stop(int limit, Consumer<String> out) throws IOException {
        recording.stop();
        Path file = Files.createTempFile("onboarding-cpu", ".jfr");
        try {
            recording.dump(file);
            Map<String, Integer> top = new HashMap<>();
            Map<String, Integer> ours = new HashMap<>();
            Map<String, Integer> threads = new HashMap<>();
            int samples = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    top.merge(name(frames.get(0)), 1, Integer::sum);
                }
                frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("dev.onvifcloud"))
                        .findFirst().ifPresent(f -> ours.merge(name(f), 1, Integer::sum));
                String thread = event.getThread("sampledThread") == null ? "?"
                        : event.getThread("sampledThread").getJavaName();
                threads.merge(thread == null ? "?" : thread.replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
            int total = samples;
            out.accept("CPU samples: " + total);
            print("by thread", threads, total, limit, out);
            print("by innermost dev.onvifcloud frame", ours, total, limit, out);
            print("by top frame", top, total, limit, out);
        } finally {
            Files.deleteIfExists(file);
            recording.close();
        }
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit, Consumer<String> out) {
        out.accept("  " + title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.accept(String.format("    %5.1f %%  %s", 100.0 * e.getValue() / total, e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
