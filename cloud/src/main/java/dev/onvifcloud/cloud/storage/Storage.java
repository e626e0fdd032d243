package dev.onvifcloud.cloud.storage;

/**
 * The cloud's durable state. Each store call outside {@link #inTransaction} runs in a transaction of its own;
 * {@link #inTransaction} runs several calls, on several stores, in one.
 */
public interface Storage extends Stores {

    /**
     * Runs {@code work} in one transaction and commits it, unless {@code work} throws (then it is rolled
     * back and the exception rethrown) or called {@link Transaction#setRollbackOnly()}, or a statement failed
     * (then it is rolled back and the result of {@code work} returned).
     */
    <T> T inTransaction(TransactionWork<T> work);
}
