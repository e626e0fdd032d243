package dev.onvifcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.security.jose.PublicJwkSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path dir;

    Path key;
    Path jwks;

    @BeforeEach
    void keygen() throws Exception {
        key = dir.resolve("signing.jwk");
        CommandRun run = CommandRun.of("token", "keygen", "--out", key.toString(), "--kid", "mcs-2026");
        assertThat(run.exitCode()).isZero();
        jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, run.out());
    }

    private String issue(String... extra) {
        String[] base = {"token", "issue", "--key", key.toString(), "--issuer", "https://mcs.example",
            "--xaddr", "https://mcs.example/onvif", "--sn", "SN-0001", "--model", "Cam-1", "--manufacturer", "Acme"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        CommandRun run = CommandRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out().strip();
    }

    @Test
    void keygen_writes_a_private_key_readable_only_by_its_owner_and_prints_only_public_keys() throws Exception {
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(ECKey.parse(Files.readString(key)).isPrivate()).isTrue();
        String published = Files.readString(jwks);
        assertThat(published).contains("\"kid\":\"mcs-2026\"").doesNotContain("\"d\"");
        assertThat(PublicJwkSet.parse(published).find("mcs-2026")).isPresent();
    }

    @Test
    void issued_token_verifies_against_the_published_key_set() {
        String token = issue();

        CommandRun run = CommandRun.of("token", "verify", "--jwks", jwks.toString(), "--issuer", "https://mcs.example", token);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid").contains("SN-0001").contains("Cam-1").contains("Acme");
    }

    @Test
    void verify_rejects_a_wrong_issuer_with_the_reason() {
        CommandRun run = CommandRun.of("token", "verify", "--jwks", jwks.toString(), "--issuer", "https://other.example", issue());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("WRONG_ISSUER");
    }

    @Test
    void verify_rejects_a_token_signed_by_another_key_with_the_same_kid() throws Exception {
        ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID("mcs-2026").generate();
        Path foreignKey = dir.resolve("foreign.jwk");
        Files.writeString(foreignKey, foreign.toJSONString());
        key = foreignKey;
        String forged = issue();

        CommandRun run = CommandRun.of("token", "verify", "--jwks", jwks.toString(), forged);

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("BAD_SIGNATURE");
    }

    @Test
    void verify_rejects_a_token_whose_key_is_not_in_the_set() throws Exception {
        Path otherKey = dir.resolve("other.jwk");
        assertThat(CommandRun.of("token", "keygen", "--out", otherKey.toString(), "--kid", "other").exitCode()).isZero();
        key = otherKey;

        CommandRun run = CommandRun.of("token", "verify", "--jwks", jwks.toString(), issue());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("UNKNOWN_KEY");
    }

    @Test
    void verify_rejects_a_tampered_token() {
        String token = issue();
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("SN-0001", "SN-9999");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];

        CommandRun run = CommandRun.of("token", "verify", "--jwks", jwks.toString(), tampered);

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("BAD_SIGNATURE");
    }

    @Test
    void verify_refuses_a_plain_http_key_set_url() {
        CommandRun run = CommandRun.of("token", "verify", "--jwks", "http://mcs.example/.well-known/jwks.json", issue());

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("plain http");
    }

    @Test
    void inspect_shows_claims_without_verifying_and_says_so() {
        CommandRun run = CommandRun.withStdin(issue("--lifetime", "2m"), "token", "inspect", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("NOT VERIFIED").contains("\"onvif:sn\" : \"SN-0001\"").contains("\"kid\" : \"mcs-2026\"");
    }

    @Test
    void inspect_rejects_something_that_is_not_a_jws() {
        CommandRun run = CommandRun.of("token", "inspect", "only.two");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.REJECTED);
        assertThat(run.err()).contains("3 dot-separated parts");
    }

    @Test
    void issue_refuses_a_non_https_xaddr() {
        CommandRun run = CommandRun.of("token", "issue", "--key", key.toString(), "--issuer", "https://mcs.example",
                "--xaddr", "http://mcs.example/onvif", "--sn", "SN", "--model", "M", "--manufacturer", "A");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
        assertThat(run.err()).contains("onvif:xaddr");
    }

    @Test
    void issue_refuses_a_public_key_file() {
        CommandRun run = CommandRun.of("token", "issue", "--key", jwks.toString(), "--issuer", "https://mcs.example",
                "--xaddr", "https://mcs.example/onvif", "--sn", "SN", "--model", "M", "--manufacturer", "A");

        assertThat(run.exitCode()).isEqualTo(OnvifCloud.FAILED);
    }

    @Test
    void durations_accept_short_and_iso_forms_and_refuse_nonsense() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("90s")).hasSeconds(90);
        assertThat(converter.convert("15m")).hasMinutes(15);
        assertThat(converter.convert("PT2H")).hasHours(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(picocli.CommandLine.TypeConversionException.class);
    }
}
