package dev.onvifcloud.cloud.storage;

import java.util.List;

/** The append-only audit log: nothing appended is ever changed or removed. */
public interface AuditLog {

    AuditEntry append(AuditEvent event);

    List<AuditEntry> find(AuditQuery query);
}
