package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McsCommandTest {

    @TempDir
    Path directory;

    @Test
    void help_names_every_setting_and_how_to_set_it_from_the_environment_and_a_file() {
        CommandRun run = CommandRun.of("mcs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config", "--data-dir", "--pki-dir", "--host", "--public-host", "--api-port",
                "--uplink-port", "--database-url", "--database-password", "--allow-outbound", "--create-owner",
                "ONVIF_CLOUD_MCS_API_PORT", "default: 127.0.0.1", "default: 8443");
    }

    @Test
    void flags_win_over_the_environment_which_wins_over_the_file_which_wins_over_the_defaults() throws Exception {
        Path config = directory.resolve("mcs.yaml");
        Files.writeString(config, "# flat YAML\napi-port: 9001\nuplink-port: 9002\npublic-host: \"mcs.example\"\n");

        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_MCS_UPLINK_PORT", "9102",
                        "ONVIF_CLOUD_MCS_API_PORT", "9101"),
                "mcs", "--config", config.toString(), "--api-port", "9201", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("api-port = 9201  [--api-port]")
                .contains("uplink-port = 9102  [ONVIF_CLOUD_MCS_UPLINK_PORT]")
                .contains("public-host = mcs.example  [public-host in " + config + "]")
                .contains("host = 127.0.0.1  [the default of --host]");
    }

    @Test
    void a_properties_file_works_too_and_the_password_is_never_printed() throws Exception {
        Path config = directory.resolve("mcs.properties");
        Files.writeString(config, "database-url=jdbc:postgresql://db.example/onvif\ndatabase-password=s3cret\n");

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--config", config.toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("database-url = jdbc:postgresql://db.example/onvif")
                .contains("database-password = ***").doesNotContain("s3cret");
    }

    @Test
    void every_unknown_key_of_the_file_is_reported_at_once() throws Exception {
        Path config = directory.resolve("mcs.properties");
        Files.writeString(config, "api-prot=1\nhots=x\n");

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--config", config.toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("unknown setting(s) api-prot, hots");
    }

    @Test
    void every_invalid_value_is_reported_at_once_naming_where_it_came_from() {
        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_MCS_UPLINK_PORT", "70000"),
                "mcs", "--api-port", "http", "--database-url", "jdbc:mysql://x/y", "--allow-outbound", "10.0.0.0/99",
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err())
                .contains("api-port must be an integer from 0 to 65535, not 'http' (from --api-port)")
                .contains("uplink-port must be an integer from 0 to 65535, not '70000' (from ONVIF_CLOUD_MCS_UPLINK_PORT)")
                .contains("database-url must start with jdbc:postgresql:")
                .contains("allow-outbound: '10.0.0.0/99' is not a CIDR block");
    }

    @Test
    void the_same_port_twice_is_refused() {
        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--api-port", "9000", "--uplink-port", "9000",
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("api-port and uplink-port must differ");
    }

    @Test
    void an_unknown_flag_is_a_usage_error_naming_it() {
        CommandRun run = CommandRun.of("mcs", "--api-prot", "1");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("Unknown options: '--api-prot'", "Possible solutions: --api-port");
    }

    @Test
    void device_settings_resolve_the_same_way_and_refuse_a_plain_http_mcs() {
        CommandRun ok = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_DEVICE_CAMERAS", "4"), "device",
                "--print-config");
        CommandRun bad = CommandRun.withEnvironment(Map.of(), "device", "--mcs-uplink", "http://localhost:8444/uplink",
                "--cameras", "0", "--print-config");

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("cameras = 4  [ONVIF_CLOUD_DEVICE_CAMERAS]")
                .contains("mcs-uplink = https://localhost:8444/uplink  [the default of --mcs-uplink]");
        assertThat(bad.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(bad.err()).contains("cameras must be an integer from 1 to 10000, not '0' (from --cameras)")
                .contains("mcs-uplink must be an https:// or wss:// URL");
    }
}
