package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.cloud.node.NodeSettings;
import dev.onvifcloud.uplink.TlsImplementation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TlsImplementationOptionTest {

    private static final String SHARED = "ONVIF_CLOUD_TLS_IMPLEMENTATION";

    @TempDir
    Path directory;

    /** The node settings that {@code command} (mcs or ocs) would start its node with. */
    private static NodeSettings nodeSettings(String command, String prefix, Map<String, String> environment,
                                             String... args) {
        CommandLine top = OnvifCloud.commandLine(environment);
        top.parseArgs(Stream.concat(Stream.of(command), Arrays.stream(args)).toArray(String[]::new));
        CommandLine line = top.getSubcommands().get(command);
        Configuration configuration = Configuration.resolve(line.getCommandSpec(), Set.of("--config", "--print-config",
                "--create-owner"), prefix, environment, Optional.empty());
        Configuration.Problems problems = new Configuration.Problems();
        NodeConfiguration resolved = NodeConfiguration.resolve(command, configuration, problems);
        problems.throwIfAny();
        return resolved.node();
    }

    @Test
    void the_choice_reaches_the_node_settings_from_a_flag_or_the_shared_variable() {
        assertThat(nodeSettings("mcs", McsCommand.ENV_PREFIX, Map.of(), "--tls-implementation=jdk")
                .tlsImplementation()).isEqualTo(TlsImplementation.JDK);
        assertThat(nodeSettings("ocs", OcsCommand.ENV_PREFIX, Map.of(SHARED, "OpenSSL")).tlsImplementation())
                .isEqualTo(TlsImplementation.OPENSSL);
        assertThat(nodeSettings("mcs", McsCommand.ENV_PREFIX, Map.of()).tlsImplementation())
                .isEqualTo(TlsImplementation.AUTO);
    }

    @Test
    void print_config_shows_the_choice_and_where_it_came_from() {
        CommandRun flag = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-implementation=jdk", "--print-config");
        CommandRun none = CommandRun.withEnvironment(Map.of(), "device", "--print-config");

        assertThat(flag.exitCode()).as(flag.err()).isZero();
        assertThat(flag.out()).contains("tls-implementation = jdk  [--tls-implementation]");
        assertThat(none.exitCode()).as(none.err()).isZero();
        assertThat(none.out()).contains("tls-implementation = auto  [the default of --tls-implementation]");
    }

    @Test
    void flag_wins_over_the_commands_variable_which_wins_over_the_shared_one_which_wins_over_the_file()
            throws Exception {
        Path config = directory.resolve("ocs.yaml");
        Files.writeString(config, "tls-implementation: openssl\n");
        String file = "--config=" + config;

        CommandRun fromFile = CommandRun.withEnvironment(Map.of(), "ocs", file, "--print-config");
        CommandRun fromShared = CommandRun.withEnvironment(Map.of(SHARED, "jdk"), "ocs", file, "--print-config");
        CommandRun fromOwn = CommandRun.withEnvironment(Map.of(SHARED, "jdk", "ONVIF_CLOUD_OCS_TLS_IMPLEMENTATION",
                "auto"), "ocs", file, "--print-config");
        CommandRun fromFlag = CommandRun.withEnvironment(Map.of(SHARED, "jdk", "ONVIF_CLOUD_OCS_TLS_IMPLEMENTATION",
                "auto"), "ocs", file, "--tls-implementation", "openssl", "--print-config");

        assertThat(fromFile.out()).contains("tls-implementation = openssl  [tls-implementation in " + config + "]");
        assertThat(fromShared.out()).contains("tls-implementation = jdk  [" + SHARED + "]");
        assertThat(fromOwn.out()).contains("tls-implementation = auto  [ONVIF_CLOUD_OCS_TLS_IMPLEMENTATION]");
        assertThat(fromFlag.out()).contains("tls-implementation = openssl  [--tls-implementation]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mcs", "ocs", "device", "demo"})
    void an_unknown_flag_value_is_a_usage_error_naming_the_accepted_values(String command) {
        CommandRun run = CommandRun.withEnvironment(Map.of(), command, "--tls-implementation", "boringssl",
                "--data-dir", directory.toString(), command.equals("demo") ? "--exit" : "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("Invalid value for option '--tls-implementation'",
                "'boringssl'", "expected one of auto, openssl, jdk");
    }

    @Test
    void an_unknown_value_from_a_variable_or_a_file_is_refused_naming_where_it_came_from() throws Exception {
        Path config = directory.resolve("device.properties");
        Files.writeString(config, "tls-implementation=fips\n");

        CommandRun mcs = CommandRun.withEnvironment(Map.of(SHARED, "tls13"), "mcs", "--print-config");
        CommandRun device = CommandRun.withEnvironment(Map.of(), "device", "--config", config.toString(),
                "--print-config");
        CommandRun demo = CommandRun.withEnvironment(Map.of(SHARED, "tls13"), "demo", "--exit", "--data-dir",
                directory.resolve("demo").toString());

        assertThat(mcs.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(mcs.err()).contains("tls-implementation: unknown TLS implementation 'tls13': expected one of auto,"
                + " openssl, jdk (from " + SHARED + ")");
        assertThat(device.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(device.err()).contains("unknown TLS implementation 'fips'", "(from tls-implementation in " + config);
        assertThat(demo.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(demo.err()).contains("unknown TLS implementation 'tls13'", "(from " + SHARED + ")");
        assertThat(directory.resolve("demo")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mcs", "ocs", "device", "demo"})
    void help_names_the_choices_and_what_auto_does(String command) {
        CommandRun run = CommandRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--tls-implementation=auto|openssl|jdk", "auto uses OpenSSL", SHARED);
    }
}
