package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path directory;

    @Test
    void every_camera_ends_connected_and_verified_on_the_ocs_and_a_second_run_on_the_same_directory_too_on_jdk_tls() {
        String dataDir = directory.resolve("demo").toString();

        CommandRun first = CommandRun.of("demo", "--exit", "--cameras", "2", "--data-dir", dataDir);
        // the second run with the JDK's TLS for both clouds and the cameras (the first: OpenSSL where it loads)
        CommandRun second = CommandRun.of("demo", "--exit", "--cameras", "2", "--data-dir", dataDir,
                "--tls-implementation=jdk");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("DEMO-000000: claimed with claim code", "DEMO-000001: share token issued",
                "2 share token(s) added to the OCS in one request", "DEMO-000000: connected, verified on the OCS",
                "CAMERA", "2 of 2 camera(s) got through.");
        assertThat(first.out().lines().filter(line -> line.matches("[12] +DEMO-00000[01] +connected, verified .*")))
                .hasSize(2);
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("DEMO-000000: claimed already (an earlier run)",
                "DEMO-000001: on the OCS already (an earlier run), no new share token", "2 of 2 camera(s) got through.")
                .doesNotContain("share token issued", "added to the OCS");
        assertThat(second.out().lines().filter(line -> line.matches("[12] +DEMO-00000[01] +connected, verified .*")))
                .hasSize(2);
    }

    @Test
    void refuses_a_camera_count_out_of_range_as_a_usage_error() {
        CommandRun run = CommandRun.of("demo", "--exit", "--cameras", "0", "--data-dir", directory.toString());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("--cameras must be from 1 to 1000, not 0");
    }
}
