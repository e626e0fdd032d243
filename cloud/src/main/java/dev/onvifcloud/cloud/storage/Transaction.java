package dev.onvifcloud.cloud.storage;

/**
 * The stores bound to one database transaction, given to a {@link TransactionWork}. Valid only while the
 * work runs. Once a statement has failed (a {@link StorageException} was thrown, even if the work caught it)
 * the transaction will be rolled back: PostgreSQL refuses every further statement of such a transaction.
 */
public interface Transaction extends Stores {

    /** Rolls the transaction back instead of committing it, when the work returns. */
    void setRollbackOnly();

    /** Whether the transaction will be rolled back. */
    boolean isRollbackOnly();
}
