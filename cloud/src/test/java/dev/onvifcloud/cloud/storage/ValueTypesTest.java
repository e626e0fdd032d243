package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Validation of the records the stores take and return. */
class ValueTypesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SHA256 = "a".repeat(64);

    @Test
    void rejects_a_sharing_request_without_operations_or_with_a_bad_digest() {
        NewSharingOperation operation = new NewSharingOperation(UUID.randomUUID(), "jti", "{}");

        assertThatThrownBy(() -> new SharingRequest(UUID.randomUUID(), SHA256, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharingRequest(UUID.randomUUID(), "A".repeat(64), List.of(operation)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharingRequest(UUID.randomUUID(), "a".repeat(63), List.of(operation)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_sharing_request_naming_an_operation_or_a_token_twice() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> new SharingRequest(UUID.randomUUID(), SHA256, List.of(
                new NewSharingOperation(id, "jti-1", "{}"), new NewSharingOperation(id, "jti-2", "{}"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SharingRequest(UUID.randomUUID(), SHA256, List.of(
                new NewSharingOperation(UUID.randomUUID(), "jti", "{}"),
                new NewSharingOperation(UUID.randomUUID(), "jti", "{}"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_an_operation_without_a_jti_or_a_configuration() {
        assertThatThrownBy(() -> new NewSharingOperation(UUID.randomUUID(), "", "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewSharingOperation(UUID.randomUUID(), "x".repeat(129), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewSharingOperation(UUID.randomUUID(), "jti", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_share_token_that_expires_before_it_is_issued() {
        assertThatThrownBy(() -> new NewShareToken("jti", UUID.randomUUID(), UUID.randomUUID(), SharingMode.SHARE,
                NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_used_token_without_its_operation() {
        assertThatThrownBy(() -> new IssuedShareToken("jti", UUID.randomUUID(), UUID.randomUUID(), SharingMode.SHARE,
                NOW, NOW.plusSeconds(1), Optional.of(NOW), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_bad_step_name_ordinal_or_resource_name() {
        assertThatThrownBy(() -> new StepProgress("two words", 0, StepStatus.DONE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepProgress("x".repeat(65), 0, StepStatus.DONE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepProgress("Upload", -1, StepStatus.DONE, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepProgress("Upload", 0, StepStatus.DONE, Map.of("", "v")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodes_what_a_step_created_so_that_any_text_reads_back() {
        Map<String, String> created = Map.of("certificateId", "a&b=c d%", "key id", "ü/+", "empty", "");

        String encoded = OperationStep.encode(created);

        assertThat(encoded).doesNotContain(" ");
        assertThat(OperationStep.decode(encoded)).isEqualTo(created);
        assertThat(OperationStep.decode(OperationStep.encode(Map.of()))).isEmpty();
        assertThatThrownBy(() -> OperationStep.decode("novalue")).isInstanceOf(StorageException.class);
    }

    @Test
    void rejects_a_notification_without_endpoints_or_with_a_relative_one() {
        assertThatThrownBy(() -> new NewNotification(UUID.randomUUID(), UUID.randomUUID(), List.of(), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewNotification(UUID.randomUUID(), UUID.randomUUID(),
                List.of(URI.create("/relative")), "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_device_without_an_owner_in_a_claimed_state() {
        DeviceInformation information = new DeviceInformation("Acme", "Cam", "1", "SN", "hw");

        assertThatThrownBy(() -> new Device(UUID.randomUUID(), information, DeviceState.CLAIMED, Optional.empty(),
                false, NOW, NOW, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceInformation("Acme", "Cam", "1", " ", "hw"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_a_blank_or_oversized_lease_owner() {
        assertThatThrownBy(() -> new Lease(UUID.randomUUID(), "", NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lease(UUID.randomUUID(), "w".repeat(129), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tells_an_accepted_outcome_from_a_refused_one() {
        Outcome<String, ShareTokenRefusal> accepted = Outcome.accepted("ok");
        Outcome<String, ShareTokenRefusal> refused = Outcome.refused(ShareTokenRefusal.EXPIRED);

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(accepted.refusal()).isEmpty();
        assertThat(refused.isAccepted()).isFalse();
        assertThat(refused.accepted()).isEmpty();
        assertThatThrownBy(refused::value).isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(refused).hasToString("Refused[EXPIRED]");
    }

    @Test
    void builds_h2_settings_for_a_data_directory() {
        DatabaseSettings settings = DatabaseSettings.h2(Path.of("/var/lib/onvif-cloud"));

        assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:/var/lib/onvif-cloud/onvif-cloud;MODE=PostgreSQL;");
        assertThat(settings.isPostgresql()).isFalse();
        assertThatThrownBy(() -> DatabaseSettings.h2(Path.of("/tmp/a;b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void h2_sessions_keep_enough_parsed_statements(@org.junit.jupiter.api.io.TempDir Path directory) throws Exception {
        DatabaseSettings settings = DatabaseSettings.h2(directory);

        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(settings.jdbcUrl(),
                settings.user(), settings.password());
             java.sql.ResultSet row = connection.createStatement().executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'QUERY_CACHE_SIZE'")) {
            assertThat(row.next()).isTrue();
            assertThat(Integer.parseInt(row.getString(1))).isEqualTo(DatabaseSettings.H2_QUERY_CACHE_SIZE);
        }
    }

    @Test
    void never_shows_the_password_and_rejects_bad_settings() {
        DatabaseSettings settings = DatabaseSettings.postgresql("jdbc:postgresql://db/cloud", "cloud", "s3cret", 20);

        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:mysql://db/cloud", "u", "p", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseSettings.postgresql("jdbc:h2:mem:x", "u", "p", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseSettings("jdbc:h2:mem:x", "u", "p", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fails_to_open_a_database_it_cannot_reach() {
        DatabaseSettings unreachable = DatabaseSettings.postgresql("jdbc:postgresql://127.0.0.1:1/none", "u", "p", 1);

        assertThatThrownBy(() -> Database.open(unreachable)).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot connect");
    }
}
