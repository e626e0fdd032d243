package dev.onvifcloud.cloud.storage;

/**
 * The storage failed: the database is unreachable, a statement failed, a migration could not be applied.
 * Not a refusal of the caller's input; refusals are {@link Outcome} values.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
