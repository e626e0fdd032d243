package dev.onvifcloud.benchmarks.token;

import dev.onvifcloud.benchmarks.AsyncProfilerLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * async-profiler over the measured window only (not the start-up, the warm-up or the floor), when
 * {@code --profile FILE} is given: CPU samples of every thread of this (the server) JVM, JIT and GC included,
 * written as collapsed stacks with the thread name first. The profiler's jar
 * ({@code tools.profiler:async-profiler:4.1:jar:linux-x64}) and its unpacked library are named by the system
 * properties {@code asyncprofiler.jar} and {@code asyncprofiler.lib}; nothing is loaded without {@code --profile}.
 */
final class WindowProfile {

    private final Path file;

    private WindowProfile(Path file) {
        this.file = file;
    }

    /** Loads the profiler when {@code file} is present. */
    static Optional<WindowProfile> load(Optional<Path> file) throws Exception {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        AsyncProfilerLoader.instance();
        return Optional.of(new WindowProfile(file.get().toAbsolutePath()));
    }

    void start() throws Exception {
        AsyncProfilerLoader.execute("start,event=ctimer,interval=1ms,threads");
    }

    void stop() throws Exception {
        AsyncProfilerLoader.execute("stop");
        AsyncProfilerLoader.execute("collapsed,file=" + file);
        TokenEndpointBenchmark.log("profile of the measured window: %s", file);
    }
}
