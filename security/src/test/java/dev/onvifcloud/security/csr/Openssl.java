package dev.onvifcloud.security.csr;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line tool for interoperability tests, which skip (JUnit assumption) when it is
 * not on the PATH. CI installs it.
 */
public final class Openssl {

    /** What one run printed; stdout and stderr are merged. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final boolean AVAILABLE = probe();

    private Openssl() {
    }

    /** Skips the calling test when openssl is not installed. */
    public static void assumeAvailable() {
        assumeTrue(AVAILABLE, "openssl is not on the PATH");
    }

    /** Runs {@code openssl args...} in {@code directory}; fails the test if it runs for more than a minute. */
    public static Result run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(directory, "openssl-", ".out");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** Runs openssl and fails the test, showing its output, unless it exits with 0. */
    public static String runOrFail(Path directory, String... args) {
        Result result = run(directory, args);
        if (!result.succeeded()) {
            throw new AssertionError("openssl " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static boolean probe() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
