package dev.onvifcloud.cloud.storage;

/** The OCS camera store contract on H2. */
class OcsCameraStoreH2Test extends OcsCameraStoreContract {

    @Override
    Backend backend() {
        return Backend.H2;
    }
}
