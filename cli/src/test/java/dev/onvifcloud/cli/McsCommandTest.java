package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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

    @Test
    void help_says_what_each_tls_setting_is_for_and_its_default() {
        CommandRun run = CommandRun.of("mcs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("--tls-certificate", "--tls-private-key",
                "--tls-trust-anchor", "--trust-ca", "--device-ca", "leaf first", "minted at each start", "self-signed", "JDK's trust anchors",
                "development PKI's manufacturer CA");
    }

    @Test
    void print_config_lists_the_tls_settings_and_where_they_came_from() throws Exception {
        TlsFiles tls = TlsFiles.in(directory);
        Path config = directory.resolve("mcs.properties");
        Files.writeString(config, "device-ca=" + tls.otherCa() + "\n");

        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_MCS_TRUST_CA", tls.ca().toString()),
                "mcs", "--config", config.toString(), "--tls-certificate", tls.chain().toString(),
                "--tls-private-key", tls.key().toString(), "--print-config");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("tls-certificate = " + tls.chain() + "  [--tls-certificate]")
                .contains("tls-private-key = " + tls.key() + "  [--tls-private-key]")
                .contains("tls-trust-anchor = (not set)  [the default of --tls-trust-anchor]")
                .contains("trust-ca = " + tls.ca() + "  [ONVIF_CLOUD_MCS_TRUST_CA]")
                .contains("device-ca = " + tls.otherCa() + "  [device-ca in " + config + "]");
    }

    @Test
    void a_certificate_without_its_key_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate", tls.chain().toString(),
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("tls-certificate and tls-private-key go together: give both or neither"
                + " (only tls-certificate is set, from --tls-certificate)");
    }

    @Test
    void a_key_without_its_certificate_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of("ONVIF_CLOUD_MCS_TLS_PRIVATE_KEY", tls.key().toString()),
                "mcs", "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("give both or neither (only tls-private-key is set, from"
                + " ONVIF_CLOUD_MCS_TLS_PRIVATE_KEY)");
    }

    @Test
    void a_trust_anchor_without_a_certificate_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-trust-anchor", tls.ca().toString(),
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("tls-trust-anchor needs tls-certificate and tls-private-key");
    }

    @Test
    void trust_ca_and_trust_development_ca_are_mutually_exclusive() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--trust-ca", tls.ca().toString(),
                "--trust-development-ca", "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("trust-ca and trust-development-ca are mutually exclusive");
    }

    @Test
    void a_chain_not_ending_in_a_root_needs_a_trust_anchor() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun without = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate", tls.leafOnly().toString(),
                "--tls-private-key", tls.key().toString(), "--print-config");
        CommandRun with = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate", tls.leafOnly().toString(),
                "--tls-private-key", tls.key().toString(), "--tls-trust-anchor", tls.ca().toString(), "--print-config");

        assertThat(without.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(without.err()).contains("tls-trust-anchor is required: the last certificate of " + tls.leafOnly()
                + " is not self-signed");
        assertThat(with.exitCode()).as(with.err()).isZero();
    }

    @Test
    void a_trust_anchor_that_did_not_issue_the_chain_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate", tls.leafOnly().toString(),
                "--tls-private-key", tls.key().toString(), "--tls-trust-anchor", tls.otherCa().toString(),
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("ANCHOR_UNRELATED");
    }

    @Test
    void a_certificate_that_does_not_name_the_public_host_is_refused() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--public-host", "mcs.example.com",
                "--tls-certificate", tls.chain().toString(), "--tls-private-key", tls.key().toString(),
                "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("HOST_NOT_COVERED", "mcs.example.com");
    }

    @Test
    void unreadable_and_unparsable_files_are_reported_with_their_setting_all_at_once() throws Exception {
        TlsFiles tls = TlsFiles.in(directory);
        Path garbage = Files.writeString(directory.resolve("garbage.pem"), "not a certificate");

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate",
                directory.resolve("missing.pem").toString(), "--tls-private-key", tls.chain().toString(),
                "--trust-ca", garbage.toString(), "--device-ca", directory.toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err())
                .contains("tls-certificate: " + directory.resolve("missing.pem") + ": no such file (from"
                        + " --tls-certificate)")
                .contains("tls-private-key: " + tls.chain() + ": UNEXPECTED_BLOCK")
                .contains("trust-ca: " + garbage + ": NOTHING_FOUND")
                .contains("device-ca: " + directory + ": cannot read it");
    }

    @Test
    void an_encrypted_key_is_refused_with_what_to_do() throws Exception {
        TlsFiles tls = TlsFiles.in(directory);
        Path encrypted = Files.writeString(directory.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END ENCRYPTED PRIVATE KEY-----\n");

        CommandRun run = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate", tls.chain().toString(),
                "--tls-private-key", encrypted.toString(), "--print-config");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("ENCRYPTED_PRIVATE_KEY", "decrypt it first");
    }

    @Test
    void warns_when_the_private_key_is_readable_by_others() throws Exception {
        TlsFiles tls = TlsFiles.in(directory);
        Files.setPosixFilePermissions(tls.key(), PosixFilePermissions.fromString("rw-r--r--"));
        Logger logger = (Logger) LoggerFactory.getLogger(PemFiles.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            CommandRun shared = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate",
                    tls.chain().toString(), "--tls-private-key", tls.key().toString(), "--print-config");
            Files.setPosixFilePermissions(tls.key(), PosixFilePermissions.fromString("rw-------"));
            CommandRun own = CommandRun.withEnvironment(Map.of(), "mcs", "--tls-certificate",
                    tls.chain().toString(), "--tls-private-key", tls.key().toString(), "--print-config");

            assertThat(shared.exitCode()).as(shared.err()).isZero();
            assertThat(own.exitCode()).as(own.err()).isZero();
            assertThat(appender.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains(tls.key().toString(), "rw-r--r--", "chmod 600");
            });
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void device_takes_the_mcs_ca_from_a_file() {
        TlsFiles tls = TlsFiles.in(directory);

        CommandRun ok = CommandRun.withEnvironment(Map.of(), "device", "--mcs-ca", tls.ca().toString(),
                "--print-config");
        CommandRun missing = CommandRun.withEnvironment(Map.of(), "device", "--mcs-ca",
                directory.resolve("none.pem").toString(), "--print-config");
        CommandRun help = CommandRun.of("device", "--help");

        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("mcs-ca = " + tls.ca() + "  [--mcs-ca]");
        assertThat(missing.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(missing.err()).contains("mcs-ca: " + directory.resolve("none.pem") + ": no such file");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--mcs-ca", "Default: the development PKI's local CA");
    }
}
