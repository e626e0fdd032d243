package dev.onvifcloud.cloud.storage;

import org.junit.jupiter.api.Nested;

/** Every storage contract against an H2 file database (the embedded default). */
class H2StorageTest {

    @Nested
    class SchemaAndTransactions extends DatabaseContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Devices extends DeviceStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class ShareTokens extends ShareTokenStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class SharingOperations extends SharingOperationStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Notifications extends NotificationStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class Clients extends ClientStoreContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }

    @Nested
    class AuditEntries extends AuditLogContract {
        @Override
        Backend backend() {
            return Backend.H2;
        }
    }
}
