package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

abstract class AuditLogContract extends StorageContract {

    private AuditEntry append(int second, String actor, String action, String subject) {
        return database.auditLog().append(new AuditEvent(NOW.plusSeconds(second), actor, action, subject,
                "detail of " + action));
    }

    @Test
    void appends_entries_in_sequence_and_reads_them_back() {
        AuditEntry first = append(0, "owner:alice", "device.claimed", "SN-1");
        AuditEntry second = append(1, "owner:alice", "share-token.issued", "SN-1");

        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(database.auditLog().find(AuditQuery.first(10))).containsExactly(first, second);
        assertThat(first.event()).isEqualTo(new AuditEvent(NOW, "owner:alice", "device.claimed", "SN-1",
                "detail of device.claimed"));
    }

    @Test
    void finds_entries_by_subject_and_by_actor() {
        AuditEntry claimed = append(0, "owner:alice", "device.claimed", "SN-1");
        AuditEntry other = append(1, "owner:bob", "device.claimed", "SN-2");
        AuditEntry started = append(2, "ocs:vms", "sharing.started", "SN-1");

        assertThat(database.auditLog().find(AuditQuery.first(10).withSubject("SN-1")))
                .containsExactly(claimed, started);
        assertThat(database.auditLog().find(AuditQuery.first(10).withActor("owner:bob"))).containsExactly(other);
        assertThat(database.auditLog().find(AuditQuery.first(10).withActor("owner:alice").withSubject("SN-2")))
                .isEmpty();
    }

    @Test
    void pages_through_the_log() {
        List<AuditEntry> entries = List.of(append(0, "a", "x", "s"), append(1, "a", "x", "s"), append(2, "a", "x", "s"));

        List<AuditEntry> page = database.auditLog().find(AuditQuery.first(2));
        assertThat(page).containsExactly(entries.get(0), entries.get(1));
        assertThat(database.auditLog().find(AuditQuery.first(2).after(page.get(1).sequence())))
                .containsExactly(entries.get(2));
    }

    @Test
    void keeps_entries_only_of_committed_transactions() {
        database.inTransaction(transaction -> {
            transaction.auditLog().append(new AuditEvent(NOW, "a", "x", "s", ""));
            transaction.setRollbackOnly();
            return null;
        });

        assertThat(database.auditLog().find(AuditQuery.first(10))).isEmpty();
    }

    @Test
    void rejects_an_event_without_actor_or_with_an_oversized_detail() {
        assertThatThrownBy(() -> new AuditEvent(NOW, "", "x", "s", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(NOW, "a", "x", "s", "d".repeat(4001)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
