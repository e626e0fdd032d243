package dev.onvifcloud.cloud.storage;

import java.security.SecureRandom;
import java.sql.Connection;

/** The stores bound to one connection whose transaction {@link Database#inTransaction} manages. */
final class JdbcTransaction implements Transaction {

    private final JdbcStores stores;
    private volatile boolean rollbackOnly;
    private volatile boolean ended;

    JdbcTransaction(Jdbc jdbc, Connection connection, SecureRandom random) {
        this.stores = new JdbcStores(jdbc.bound(connection, this::setRollbackOnly), random);
    }

    void end() {
        ended = true;
    }

    private JdbcStores stores() {
        if (ended) {
            throw new IllegalStateException("the transaction has ended; use its stores only inside the work");
        }
        return stores;
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    @Override
    public AccountStore accounts() {
        return stores().accounts();
    }

    @Override
    public ApiKeyStore apiKeys() {
        return stores().apiKeys();
    }

    @Override
    public DeviceStore devices() {
        return stores().devices();
    }

    @Override
    public ShareTokenStore shareTokens() {
        return stores().shareTokens();
    }

    @Override
    public SharingOperationStore sharingOperations() {
        return stores().sharingOperations();
    }

    @Override
    public NotificationStore notifications() {
        return stores().notifications();
    }

    @Override
    public AuditLog auditLog() {
        return stores().auditLog();
    }

    @Override
    public ClientStore clients() {
        return stores().clients();
    }

    @Override
    public OcsCameraStore ocsCameras() {
        return stores().ocsCameras();
    }
}
