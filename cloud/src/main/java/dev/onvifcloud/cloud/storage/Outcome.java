package dev.onvifcloud.cloud.storage;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Either an accepted value or the reason it was refused (a share token used twice, a wrong claim code):
 * a refusal is an expected answer, not an exception.
 *
 * @param <T> the accepted value
 * @param <R> the refusal, usually an enum or a record holding one
 */
public final class Outcome<T, R> {

    private final T value;
    private final R refusal;

    private Outcome(T value, R refusal) {
        this.value = value;
        this.refusal = refusal;
    }

    public static <T, R> Outcome<T, R> accepted(T value) {
        return new Outcome<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T, R> Outcome<T, R> refused(R refusal) {
        return new Outcome<>(null, Objects.requireNonNull(refusal, "refusal"));
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** The accepted value; throws if refused. */
    public T value() {
        if (refusal != null) {
            throw new NoSuchElementException("refused: " + refusal);
        }
        return value;
    }

    public Optional<T> accepted() {
        return Optional.ofNullable(value);
    }

    public Optional<R> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Outcome<?, ?> that
                && Objects.equals(value, that.value)
                && Objects.equals(refusal, that.refusal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, refusal);
    }

    @Override
    public String toString() {
        return refusal == null ? "Accepted[" + value + "]" : "Refused[" + refusal + "]";
    }
}
