package dev.onvifcloud.cloud.storage;

import java.util.Objects;

/**
 * An event as kept in the audit log.
 *
 * @param sequence increases with each entry appended
 */
public record AuditEntry(long sequence, AuditEvent event) {

    public AuditEntry {
        Objects.requireNonNull(event, "event");
    }
}
