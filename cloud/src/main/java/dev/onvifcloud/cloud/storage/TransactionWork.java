package dev.onvifcloud.cloud.storage;

/** Work done with the stores of one {@link Transaction}. */
@FunctionalInterface
public interface TransactionWork<T> {

    T run(Transaction transaction);
}
