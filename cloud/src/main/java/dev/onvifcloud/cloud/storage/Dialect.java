package dev.onvifcloud.cloud.storage;

import java.util.Locale;

/**
 * The databases this storage runs on. The schema and almost every statement are the same for both; where
 * they behave differently the stores ask the dialect.
 */
enum Dialect {
    POSTGRESQL,
    /**
     * H2 2.x supports {@code FOR UPDATE SKIP LOCKED}, but with {@code ORDER BY ... LIMIT} it locks every row it
     * reads before the limit applies: one claimer would hold the whole queue. Work queues are therefore
     * claimed row by row on H2 (see {@link WorkQueue}).
     */
    H2;

    static Dialect of(String databaseProductName) {
        String name = databaseProductName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new StorageException("unsupported database: " + databaseProductName);
    }
}
