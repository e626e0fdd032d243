package dev.onvifcloud.benchmarks.onboarding;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * async-profiler over the measured batch. Its jar ({@code tools.profiler:async-profiler:4.1:jar:linux-x64} from Maven
 * Central) is named by the system property {@code asyncprofiler.jar} and its library, unpacked from that jar, by
 * {@code asyncprofiler.lib}; both are loaded only when asked for, so the benchmark needs neither otherwise. Unlike
 * JFR's sampler it sees every thread, the JIT compilers and the garbage collector included. Writes collapsed stacks
 * (one line per stack, thread first) for flame graphs or {@code sort -t' ' -k2 -n}.
 */
final class NativeProfile {

    private final Object profiler;
    private final Path file;

    private NativeProfile(Object profiler, Path file) {
        this.profiler = profiler;
        this.file = file;
    }

    private static Object loaded; // the native library loads once per JVM

    static synchronized NativeProfile start() throws Exception {
        if (loaded == null) {
            loaded = load();
        }
        NativeProfile profile = new NativeProfile(loaded, Files.createTempFile("onboarding-cpu", ".collapsed"));
        profile.execute("start,event=ctimer,interval=1ms,threads");
        return profile;
    }

    private static Object load() throws Exception {
        String jar = System.getProperty("asyncprofiler.jar");
        String lib = System.getProperty("asyncprofiler.lib");
        if (jar == null || lib == null) {
            throw new IllegalStateException("--profile 2 needs -Dasyncprofiler.jar=... and -Dasyncprofiler.lib=...");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()},
                NativeProfile.class.getClassLoader());
        return Class.forName("one.profiler.AsyncProfiler", true, loader)
                .getMethod("getInstance", String.class).invoke(null, lib);
    }

    String stop() throws Exception {
        execute("stop");
        execute("collapsed,file=" + file);
        return file.toString();
    }

    private void execute(String command) throws Exception {
        profiler.getClass().getMethod("execute", String.class).invoke(profiler, command);
    }
}
