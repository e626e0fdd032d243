package dev.onvifcloud.cli;

import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code onvif-cloud} command: wiring only. Each subcommand turns flags and files into the settings
 * of a library type and reports the outcome; exit status 0 means success, 1 that the input was
 * rejected (the reason is on stderr), 2 a usage or I/O error.
 */
@Command(
        name = "onvif-cloud",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reference implementation of the ONVIF Cloud Integration Specification 25.12:",
            "share tokens, device sharing between clouds, the ONVIF Uplink tunnel.",
            ""
        },
        subcommands = {DemoCommand.class, McsCommand.class, OcsCommand.class, DeviceCommand.class, CsrCommand.class, TokenCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:success",
            "1:the input was rejected (the reason is printed on stderr)",
            "2:usage or I/O error"
        })
public final class OnvifCloud extends CommandGroup {

    /** Exit status when a token, a certification request or another input is rejected. */
    static final int REJECTED = 1;
    /** Exit status for usage and I/O errors. */
    static final int FAILED = 2;

    /** Builds the command line with our error handling, reading the process's environment. */
    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * Builds the command line with our error handling; commands with a constructor taking a {@code Map} get
     * {@code environment} as their environment variables. Tests drive it directly.
     */
    static CommandLine commandLine(Map<String, String> environment) {
        Map<String, String> env = Map.copyOf(environment);
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    Constructor<K> withEnvironment = type.getDeclaredConstructor(Map.class);
                    return withEnvironment.newInstance(env);
                } catch (NoSuchMethodException e) {
                    return defaults.create(type);
                }
            }
        };
        CommandLine cli = new CommandLine(new OnvifCloud(), factory);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CommandFailure failure) {
                commandLine.getErr().println("onvif-cloud: " + failure.getMessage());
                return failure.exitCode();
            }
            throw ex;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
