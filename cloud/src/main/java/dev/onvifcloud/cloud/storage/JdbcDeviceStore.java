package dev.onvifcloud.cloud.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcDeviceStore implements DeviceStore {

    private static final String COLUMNS = "id, serial_number, manufacturer, model, firmware_version, hardware_id, "
            + "claim_code_hash, owner_account_id, state, registered_at, last_seen_at, claimed_at";

    private final Jdbc jdbc;

    JdbcDeviceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Device recordSeen(DeviceInformation information, Instant now) {
        return jdbc.transact(connection -> {
            int inserted = Jdbc.update(connection,
                    "INSERT INTO devices (id, serial_number, manufacturer, model, firmware_version, hardware_id, "
                            + "state, registered_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING",
                    UUID.randomUUID(), information.serialNumber(), information.manufacturer(), information.model(),
                    information.firmwareVersion(), information.hardwareId(), DeviceState.UNCLAIMED, now, now);
            if (inserted == 0) {
                Jdbc.update(connection,
                        "UPDATE devices SET manufacturer = ?, model = ?, firmware_version = ?, hardware_id = ?, "
                                + "last_seen_at = ? WHERE serial_number = ?",
                        information.manufacturer(), information.model(), information.firmwareVersion(),
                        information.hardwareId(), now, information.serialNumber());
            }
            return bySerialNumber(connection, information.serialNumber()).orElseThrow(
                    () -> new StorageException("device vanished while being recorded"));
        });
    }

    @Override
    public boolean setClaimCode(String serialNumber, ClaimCodeHash claimCode) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE devices SET claim_code_hash = ? WHERE serial_number = ?",
                claimCode.encoded(), serialNumber) == 1);
    }

    @Override
    public Outcome<Device, ClaimRefusal> claim(String serialNumber, String claimCode, UUID owner, Instant now) {
        Optional<Stored> found = jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + " FROM devices WHERE serial_number = ?", JdbcDeviceStore::stored, serialNumber));
        if (found.isEmpty()) {
            return Outcome.refused(ClaimRefusal.UNKNOWN_DEVICE);
        }
        Optional<String> hash = found.get().claimCodeHash();
        if (hash.isEmpty()) {
            return Outcome.refused(ClaimRefusal.NOT_CLAIMABLE);
        }
        // The slow hash is checked outside any transaction; the update below re-checks that nothing changed.
        if (!new ClaimCodeHash(hash.get()).matches(claimCode)) {
            return Outcome.refused(ClaimRefusal.WRONG_CLAIM_CODE);
        }
        UUID id = found.get().device().id();
        return jdbc.transact(connection -> {
            int claimed = Jdbc.update(connection,
                    "UPDATE devices SET state = ?, owner_account_id = ?, claimed_at = ? "
                            + "WHERE id = ? AND state = ? AND claim_code_hash = ?",
                    DeviceState.CLAIMED, owner, now, id, DeviceState.UNCLAIMED, hash.get());
            if (claimed == 0) {
                return Outcome.refused(ClaimRefusal.ALREADY_CLAIMED);
            }
            return Outcome.accepted(byId(connection, id).orElseThrow());
        });
    }

    @Override
    public Outcome<Device, AdoptionRefusal> adopt(DeviceInformation information, UUID owner, Instant now) {
        return jdbc.transact(connection -> {
            int inserted = Jdbc.update(connection,
                    "INSERT INTO devices (id, serial_number, manufacturer, model, firmware_version, hardware_id, "
                            + "owner_account_id, state, registered_at, last_seen_at, claimed_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    UUID.randomUUID(), information.serialNumber(), information.manufacturer(), information.model(),
                    information.firmwareVersion(), information.hardwareId(), owner, DeviceState.CLAIMED, now, now,
                    now);
            if (inserted == 0) {
                int owned = Jdbc.update(connection,
                        "UPDATE devices SET manufacturer = ?, model = ?, firmware_version = ?, hardware_id = ?, "
                                + "last_seen_at = ? WHERE serial_number = ? AND state = ? AND owner_account_id = ?",
                        information.manufacturer(), information.model(), information.firmwareVersion(),
                        information.hardwareId(), now, information.serialNumber(), DeviceState.CLAIMED, owner);
                int taken = owned == 1 ? 0 : Jdbc.update(connection,
                        "UPDATE devices SET manufacturer = ?, model = ?, firmware_version = ?, hardware_id = ?, "
                                + "last_seen_at = ?, state = ?, owner_account_id = ?, claimed_at = ? "
                                + "WHERE serial_number = ? AND state = ?",
                        information.manufacturer(), information.model(), information.firmwareVersion(),
                        information.hardwareId(), now, DeviceState.CLAIMED, owner, now, information.serialNumber(),
                        DeviceState.TRANSFERRED);
                if (owned == 0 && taken == 0) {
                    Device current = bySerialNumber(connection, information.serialNumber()).orElseThrow(
                            () -> new StorageException("device vanished while being adopted"));
                    return Outcome.refused(current.state() == DeviceState.UNCLAIMED
                            ? AdoptionRefusal.AWAITING_CLAIM : AdoptionRefusal.OWNED_BY_ANOTHER_ACCOUNT);
                }
            }
            return Outcome.accepted(bySerialNumber(connection, information.serialNumber()).orElseThrow(
                    () -> new StorageException("device vanished while being adopted")));
        });
    }

    @Override
    public boolean markTransferred(UUID deviceId, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE devices SET state = ? WHERE id = ? AND state = ?",
                DeviceState.TRANSFERRED, deviceId, DeviceState.CLAIMED) == 1);
    }

    @Override
    public Optional<Device> find(UUID deviceId) {
        return jdbc.transact(connection -> byId(connection, deviceId));
    }

    @Override
    public Optional<Device> findBySerialNumber(String serialNumber) {
        return jdbc.transact(connection -> bySerialNumber(connection, serialNumber));
    }

    @Override
    public List<Device> findByOwner(UUID owner) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM devices WHERE owner_account_id = ? ORDER BY serial_number",
                row -> stored(row).device(), owner));
    }

    private static Optional<Device> byId(java.sql.Connection connection, UUID id) throws SQLException {
        return Jdbc.queryOne(connection, "SELECT " + COLUMNS + " FROM devices WHERE id = ?",
                row -> stored(row).device(), id);
    }

    private static Optional<Device> bySerialNumber(java.sql.Connection connection, String serialNumber)
            throws SQLException {
        return Jdbc.queryOne(connection, "SELECT " + COLUMNS + " FROM devices WHERE serial_number = ?",
                row -> stored(row).device(), serialNumber);
    }

    private static Stored stored(ResultSet row) throws SQLException {
        Optional<String> claimCodeHash = Jdbc.optionalString(row, "claim_code_hash");
        Device device = new Device(
                Jdbc.uuid(row, "id"),
                new DeviceInformation(row.getString("manufacturer"), row.getString("model"),
                        row.getString("firmware_version"), row.getString("serial_number"),
                        row.getString("hardware_id")),
                DeviceState.valueOf(row.getString("state")),
                Jdbc.optionalUuid(row, "owner_account_id"),
                claimCodeHash.isPresent(),
                Jdbc.instant(row, "registered_at"),
                Jdbc.instant(row, "last_seen_at"),
                Jdbc.optionalInstant(row, "claimed_at"));
        return new Stored(device, claimCodeHash);
    }

    private record Stored(Device device, Optional<String> claimCodeHash) {
    }
}
