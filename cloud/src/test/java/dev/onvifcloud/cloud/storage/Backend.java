package dev.onvifcloud.cloud.storage;

import java.nio.file.Path;

/** The databases the storage contracts run against. */
enum Backend {
    /** The embedded default: an H2 file database in the test's temporary directory. */
    H2 {
        @Override
        DatabaseSettings freshDatabase(Path tempDir) {
            return DatabaseSettings.h2(tempDir.resolve("data"));
        }
    },
    /** A real PostgreSQL server (embedded binaries), one new database per test. */
    POSTGRESQL {
        @Override
        DatabaseSettings freshDatabase(Path tempDir) {
            return PostgresqlServer.freshDatabase();
        }
    };

    /** Settings for an empty database that no other test uses. */
    abstract DatabaseSettings freshDatabase(Path tempDir);
}
