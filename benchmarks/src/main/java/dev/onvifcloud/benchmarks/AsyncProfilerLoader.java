package dev.onvifcloud.benchmarks;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * async-profiler for the benchmarks that offer a profile: its jar ({@code tools.profiler:async-profiler:4.1:jar:linux-x64}
 * from Maven Central) is named by the system property {@code asyncprofiler.jar} and its unpacked library by
 * {@code asyncprofiler.lib}. Loaded only when asked for, once per JVM (the native library cannot load twice).
 */
public final class AsyncProfilerLoader {

    private static Object instance;

    private AsyncProfilerLoader() {
    }

    /**
     * @throws IllegalStateException naming the missing properties
     */
    public static synchronized Object instance() throws Exception {
        if (instance == null) {
            String jar = System.getProperty("asyncprofiler.jar");
            String lib = System.getProperty("asyncprofiler.lib");
            if (jar == null || lib == null) {
                throw new IllegalStateException("profiling needs -Dasyncprofiler.jar=... and -Dasyncprofiler.lib=...");
            }
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                    AsyncProfilerLoader.class.getClassLoader());
            instance = Class.forName("one.profiler.AsyncProfiler", true, loader)
                    .getMethod("getInstance", String.class).invoke(null, lib);
        }
        return instance;
    }

    /** Runs one profiler command, e.g. {@code start,event=ctimer,interval=1ms,threads}. */
    public static void execute(String command) throws Exception {
        Object profiler = instance();
        profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
    }
}
