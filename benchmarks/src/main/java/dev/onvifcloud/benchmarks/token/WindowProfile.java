package dev.onvifcloud.benchmarks.token;

import java.net.URL;
import java.net.URLClassLoader;
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

    private final Object profiler;
    private final Path file;

    private WindowProfile(Object profiler, Path file) {
        this.profiler = profiler;
        this.file = file;
    }

    /** Loads the profiler when {@code file} is present. */
    static Optional<WindowProfile> load(Optional<Path> file) throws Exception {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String jar = System.getProperty("asyncprofiler.jar");
        String lib = System.getProperty("asyncprofiler.lib");
        if (jar == null || lib == null) {
            throw new IllegalStateException("--profile needs -Dasyncprofiler.jar=... and -Dasyncprofiler.lib=...");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                WindowProfile.class.getClassLoader());
        Object profiler = Class.forName("one.profiler.AsyncProfiler", true, loader)
                .getMethod("getInstance", String.class).invoke(null, lib);
        return Optional.of(new WindowProfile(profiler, file.get().toAbsolutePath()));
    }

    void start() throws Exception {
        execute("start,event=ctimer,interval=1ms,threads");
    }

    void stop() throws Exception {
        execute("stop");
        execute("collapsed,file=" + file);
        TokenEndpointBenchmark.log("profile of the measured window: %s", file);
    }

    private void execute(String command) throws Exception {
        profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
    }
}
