package dev.onvifcloud.cloud.storage;

/** The OCS camera store contract on a real PostgreSQL server. */
class OcsCameraStorePostgresqlTest extends OcsCameraStoreContract {

    @Override
    Backend backend() {
        return Backend.POSTGRESQL;
    }
}
