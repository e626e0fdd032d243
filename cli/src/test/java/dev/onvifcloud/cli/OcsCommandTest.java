package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OcsCommandTest {

    @TempDir
    Path directory;

    @Test
    void help_names_every_setting_how_to_set_it_and_how_to_add_a_camera() {
        CommandRun run = CommandRun.of("ocs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--config", "--data-dir", "--pki-dir", "--host", "--public-host", "--api-port",
                "--uplink-port", "--database-url", "--allow-outbound", "--trust-development-ca", "--create-owner",
                "--user-level", "--access-token-lifetime", "ONVIF_CLOUD_OCS_API_PORT", "default: 9443",
                "default: 9444", "onvif-cloud-data/ocs", "/api/v1/cameras", "shareTokens");
    }

    @Test
    void settings_come_from_flags_the_environment_and_a_file_in_that_order() throws Exception {
        Path config = directory.resolve("ocs.yaml");
        Files.writeString(config, "api-port: 9001\nuplink-port: 9002\nuser-level: Operator\n");

        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_OCS_UPLINK_PORT", "9102",
                        "ONVIF_CLOUD_OCS_ALLOW_OUTBOUND", "127.0.0.0/8"),
                "ocs", "--config", config.toString(), "--api-port", "9201", "--trust-development-ca", "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("api-port = 9201  [--api-port]")
                .contains("uplink-port = 9102  [ONVIF_CLOUD_OCS_UPLINK_PORT]")
                .contains("allow-outbound = 127.0.0.0/8  [ONVIF_CLOUD_OCS_ALLOW_OUTBOUND]")
                .contains("user-level = Operator  [user-level in " + config + "]")
                .contains("trust-development-ca = true  [--trust-development-ca]")
                .contains("data-dir = ./onvif-cloud-data/ocs  [the default of --data-dir]");
    }

    @Test
    void every_invalid_value_is_reported_at_once() {
        CommandRun run = CommandRun.withEnvironment(Map.of(), "ocs", "--user-level", "Root",
                "--access-token-lifetime", "2h", "--api-port", "9000", "--uplink-port", "9000", "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err())
                .contains("user-level must be one of [Administrator, Operator, User], not 'Root' (from --user-level)")
                .contains("access-token-lifetime must be whole seconds from 1s to 1h, not '2h'")
                .contains("api-port and uplink-port must differ");
    }

    @Test
    void help_says_the_trust_anchor_goes_to_cameras() {
        CommandRun run = CommandRun.of("ocs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("--tls-certificate", "--tls-private-key",
                "--tls-trust-anchor", "--trust-ca", "certification path validation policy", "minted at each start",
                "Not with --trust-development-ca");
    }

    @Test
    void print_config_lists_the_tls_settings() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_OCS_TLS_TRUST_ANCHOR", tls.ca().toString()),
                "ocs", "--tls-certificate", tls.leafOnly().toString(), "--tls-private-key", tls.key().toString(),
                "--trust-ca", tls.otherCa().toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tls-certificate = " + tls.leafOnly() + "  [--tls-certificate]")
                .contains("tls-private-key = " + tls.key() + "  [--tls-private-key]")
                .contains("tls-trust-anchor = " + tls.ca() + "  [ONVIF_CLOUD_OCS_TLS_TRUST_ANCHOR]")
                .contains("trust-ca = " + tls.otherCa() + "  [--trust-ca]");
    }

    @Test
    void the_tls_flag_rules_are_those_of_the_mcs() throws Exception {
        TlsFiles tls = TlsFiles.in(directory);
        Path config = directory.resolve("ocs.yaml");
        Files.writeString(config, "trust-development-ca: true\n");

        CommandRun halves = CommandRun.withEnvironment(Map.of(), "ocs", "--tls-private-key", tls.key().toString(),
                "--print-config");
        CommandRun both = CommandRun.withEnvironment(Map.of(), "ocs", "--config", config.toString(), "--trust-ca",
                tls.ca().toString(), "--print-config");
        CommandRun noAnchor = CommandRun.withEnvironment(Map.of(), "ocs", "--tls-certificate",
                tls.leafOnly().toString(), "--tls-private-key", tls.key().toString(), "--print-config");
        CommandRun twoAnchors = CommandRun.withEnvironment(Map.of(), "ocs", "--tls-certificate",
                tls.leafOnly().toString(), "--tls-private-key", tls.key().toString(), "--tls-trust-anchor",
                tls.chain().toString(), "--print-config");

        assertThat(List.of(halves, both, noAnchor, twoAnchors)).allSatisfy(run ->
                assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED));
        assertThat(halves.err()).contains("give both or neither");
        assertThat(both.err()).contains("trust-ca and trust-development-ca are mutually exclusive (from --trust-ca and"
                + " trust-development-ca in " + config + ")");
        assertThat(noAnchor.err()).contains("tls-trust-anchor is required");
        assertThat(twoAnchors.err()).contains("holds 2 certificates");
    }

    @Test
    void a_key_that_is_not_the_certificates_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);
        TlsFiles other = TlsFiles.in(directory.resolve("other"));

        CommandRun run = CommandRun.withEnvironment(Map.of(), "ocs", "--tls-certificate", tls.chain().toString(),
                "--tls-private-key", other.key().toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("KEY_MISMATCH");
    }
}
