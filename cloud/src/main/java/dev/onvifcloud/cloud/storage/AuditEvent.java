package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened, for the audit log.
 *
 * @param actor who did it (an account, a worker, a device): 1 to 200 characters
 * @param action what was done, such as {@code share-token.issued}: 1 to 100 characters
 * @param subject what it was done to, such as a serial number or operation id: 1 to 200 characters
 * @param detail free text, at most 4000 characters, may be empty; never a secret
 */
public record AuditEvent(Instant at, String actor, String action, String subject, String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        require(actor, "actor", 200);
        require(action, "action", 100);
        require(subject, "subject", 200);
        Objects.requireNonNull(detail, "detail");
        if (detail.length() > 4000) {
            throw new IllegalArgumentException("detail must be at most 4000 characters");
        }
    }

    private static void require(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters, not blank");
        }
    }
}
