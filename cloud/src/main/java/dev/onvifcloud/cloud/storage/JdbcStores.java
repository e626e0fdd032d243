package dev.onvifcloud.cloud.storage;

import java.security.SecureRandom;

/** The JDBC stores over one {@link Jdbc}: the pool's, or a transaction's. */
final class JdbcStores implements Stores {

    private final JdbcAccountStore accounts;
    private final JdbcApiKeyStore apiKeys;
    private final JdbcDeviceStore devices;
    private final JdbcShareTokenStore shareTokens;
    private final JdbcSharingOperationStore sharingOperations;
    private final JdbcNotificationStore notifications;
    private final JdbcAuditLog auditLog;
    private final JdbcClientStore clients;
    private final JdbcOcsCameraStore ocsCameras;

    JdbcStores(Jdbc jdbc, SecureRandom random) {
        this.accounts = new JdbcAccountStore(jdbc);
        this.apiKeys = new JdbcApiKeyStore(jdbc, random);
        this.devices = new JdbcDeviceStore(jdbc);
        this.shareTokens = new JdbcShareTokenStore(jdbc);
        this.sharingOperations = new JdbcSharingOperationStore(jdbc, shareTokens);
        this.notifications = new JdbcNotificationStore(jdbc);
        this.auditLog = new JdbcAuditLog(jdbc);
        this.clients = new JdbcClientStore(jdbc);
        this.ocsCameras = new JdbcOcsCameraStore(jdbc);
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public DeviceStore devices() {
        return devices;
    }

    @Override
    public ShareTokenStore shareTokens() {
        return shareTokens;
    }

    @Override
    public SharingOperationStore sharingOperations() {
        return sharingOperations;
    }

    @Override
    public NotificationStore notifications() {
        return notifications;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public ClientStore clients() {
        return clients;
    }

    @Override
    public OcsCameraStore ocsCameras() {
        return ocsCameras;
    }
}
