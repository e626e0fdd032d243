package dev.onvifcloud.benchmarks.onboarding;

import dev.onvifcloud.benchmarks.AsyncProfilerLoader;
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

    private final Path file;

    private NativeProfile(Path file) {
        this.file = file;
    }

    static NativeProfile start() throws Exception {
        NativeProfile profile = new NativeProfile(Files.createTempFile("onboarding-cpu", ".collapsed"));
        AsyncProfilerLoader.execute("start,event=ctimer,interval=1ms,threads");
        return profile;
    }

    String stop() throws Exception {
        AsyncProfilerLoader.execute("stop");
        AsyncProfilerLoader.execute("collapsed,file=" + file);
        return file.toString();
    }
}
