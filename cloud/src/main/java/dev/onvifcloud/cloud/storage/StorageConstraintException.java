package dev.onvifcloud.cloud.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * A write broke a constraint of the schema: a duplicate key, a reference to a missing row, a value outside
 * its check. The constraint is named when the database reported it (every constraint of the schema has a
 * name, such as {@code accounts_name_key}).
 */
public final class StorageConstraintException extends StorageException {

    /** Which kind of constraint was broken. */
    public enum Kind {
        UNIQUE,
        FOREIGN_KEY,
        CHECK,
        NOT_NULL,
        OTHER
    }

    private final Kind kind;
    private final String constraint;

    public StorageConstraintException(Kind kind, Optional<String> constraint, Throwable cause) {
        super(describe(kind, constraint), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.constraint = constraint.orElse(null);
    }

    public Kind kind() {
        return kind;
    }

    /** The name of the broken constraint, as declared in the migrations, when the database reported it. */
    public Optional<String> constraint() {
        return Optional.ofNullable(constraint);
    }

    private static String describe(Kind kind, Optional<String> constraint) {
        String what = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " constraint";
        return constraint.map(name -> what + " " + name + " violated").orElse(what + " violated");
    }
}
