package dev.onvifcloud.cloud.storage;

/** The stores, either each on its own (every call its own transaction) or bound to one {@link Transaction}. */
public interface Stores {

    AccountStore accounts();

    ApiKeyStore apiKeys();

    DeviceStore devices();

    ShareTokenStore shareTokens();

    SharingOperationStore sharingOperations();

    NotificationStore notifications();

    AuditLog auditLog();

    ClientStore clients();

    OcsCameraStore ocsCameras();
}
