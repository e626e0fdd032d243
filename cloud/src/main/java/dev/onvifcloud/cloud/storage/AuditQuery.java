package dev.onvifcloud.cloud.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to read: those after {@code afterSequence}, optionally of one actor and/or subject, at
 * most {@code limit}, in the order they were appended.
 */
public record AuditQuery(Optional<String> actor, Optional<String> subject, long afterSequence, int limit) {

    public AuditQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(subject, "subject");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000");
        }
    }

    /** The first {@code limit} entries of the log. */
    public static AuditQuery first(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), 0, limit);
    }

    public AuditQuery withActor(String actor) {
        return new AuditQuery(Optional.of(actor), subject, afterSequence, limit);
    }

    public AuditQuery withSubject(String subject) {
        return new AuditQuery(actor, Optional.of(subject), afterSequence, limit);
    }

    /** The entries after {@code sequence}: the next page after an entry already read. */
    public AuditQuery after(long sequence) {
        return new AuditQuery(actor, subject, sequence, limit);
    }
}
