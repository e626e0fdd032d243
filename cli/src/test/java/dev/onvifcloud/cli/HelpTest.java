package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "mcs", "ocs", "device", "csr", "csr create", "csr verify", "token", "token keygen", "token issue",
        "token inspect", "token verify"})
    void every_command_has_help(String command) {
        String[] args = (command + " --help").strip().split(" ");

        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: onvif-cloud").contains("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-such-option", "nonsense"})
    void unknown_input_is_a_usage_error(String arg) {
        CommandRun run = CommandRun.of(arg);

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains(arg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"csr", "token"})
    void a_command_group_without_subcommand_prints_its_usage(String group) {
        CommandRun run = CommandRun.of(group);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: onvif-cloud " + group).contains("Commands:");
    }
}
