package dev.onvifcloud.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** One run of the command line in this JVM, with its exit status and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        return withStdin("", args);
    }

    static CommandRun withStdin(String stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    /** A run that sees {@code environment} as its environment variables, and none of the process's. */
    static CommandRun withEnvironment(Map<String, String> environment, String... args) {
        return run("", environment, args);
    }

    private static CommandRun run(String stdin, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OnvifCloud.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = cli.execute(args);
            return new CommandRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }
}
