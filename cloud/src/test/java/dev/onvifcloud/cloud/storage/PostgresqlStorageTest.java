package dev.onvifcloud.cloud.storage;

import org.junit.jupiter.api.Nested;

/** Every storage contract against a real PostgreSQL server (embedded binaries); fails instead of skipping when CI=true. */
class PostgresqlStorageTest {

    @Nested
    class SchemaAndTransactions extends DatabaseContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class ShareTokens extends ShareTokenStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class SharingOperations extends SharingOperationStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class Notifications extends NotificationStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class Clients extends ClientStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }

    @Nested
    class AuditEntries extends AuditLogContract {
        @Override
        Backend backend() {
            return Backend.POSTGRESQL;
        }
    }
}
