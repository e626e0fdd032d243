package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class DeviceStoreContract extends StorageContract {

    private static final String CLAIM_CODE = "7KQ2-M9XD-4RTW";
    /** Hashed once: the hash is deliberately slow. */
    private static final ClaimCodeHash CLAIM_CODE_HASH = ClaimCodeHash.of(CLAIM_CODE, new SecureRandom());

    private static DeviceInformation information(String serialNumber, String firmwareVersion) {
        return new DeviceInformation("Acme", "Cam-1", firmwareVersion, serialNumber, "hw-7");
    }

    @Test
    void registers_an_unclaimed_device_the_first_time_it_is_seen() {
        Device device = database.devices().recordSeen(information("SN-1", "1.0.0"), NOW);

        assertThat(device.state()).isEqualTo(DeviceState.UNCLAIMED);
        assertThat(device.owner()).isEmpty();
        assertThat(device.claimable()).isFalse();
        assertThat(device.information()).isEqualTo(information("SN-1", "1.0.0"));
        assertThat(device.registeredAt()).isEqualTo(NOW);
        assertThat(device.lastSeenAt()).isEqualTo(NOW);
        assertThat(database.devices().find(device.id())).contains(device);
    }

    @Test
    void updates_what_a_known_device_reports_and_when_it_was_last_seen() {
        Device first = database.devices().recordSeen(information("SN-1", "1.0.0"), NOW);
        Device again = database.devices().recordSeen(information("SN-1", "1.1.0"), NOW.plusSeconds(60));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.information().firmwareVersion()).isEqualTo("1.1.0");
        assertThat(again.registeredAt()).isEqualTo(NOW);
        assertThat(again.lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(count("devices")).isEqualTo(1);
    }

    @Test
    void lets_an_owner_claim_a_device_with_its_claim_code() {
        Account owner = account("owner");
        unclaimedDevice("SN-1");
        assertThat(database.devices().setClaimCode("SN-1", CLAIM_CODE_HASH)).isTrue();

        Outcome<Device, ClaimRefusal> claimed =
                database.devices().claim("SN-1", CLAIM_CODE, owner.id(), NOW.plusSeconds(5));

        assertThat(claimed.isAccepted()).isTrue();
        assertThat(claimed.value().state()).isEqualTo(DeviceState.CLAIMED);
        assertThat(claimed.value().owner()).contains(owner.id());
        assertThat(claimed.value().claimedAt()).contains(NOW.plusSeconds(5));
        assertThat(database.devices().findByOwner(owner.id())).containsExactly(claimed.value());
    }

    @Test
    void refuses_to_claim_an_unknown_device() {
        assertThat(database.devices().claim("SN-404", CLAIM_CODE, account("owner").id(), NOW).refusal())
                .contains(ClaimRefusal.UNKNOWN_DEVICE);
    }

    @Test
    void refuses_to_claim_a_device_without_a_claim_code() {
        unclaimedDevice("SN-1");

        assertThat(database.devices().claim("SN-1", CLAIM_CODE, account("owner").id(), NOW).refusal())
                .contains(ClaimRefusal.NOT_CLAIMABLE);
    }

    @Test
    void refuses_a_wrong_claim_code() {
        unclaimedDevice("SN-1");
        database.devices().setClaimCode("SN-1", CLAIM_CODE_HASH);

        assertThat(database.devices().claim("SN-1", "7KQ2-M9XD-4RTX", account("owner").id(), NOW).refusal())
                .contains(ClaimRefusal.WRONG_CLAIM_CODE);
        assertThat(database.devices().findBySerialNumber("SN-1")).get()
                .extracting(Device::state).isEqualTo(DeviceState.UNCLAIMED);
    }

    @Test
    void refuses_to_claim_a_device_owned_already_and_tells_a_wrong_code_first() {
        Account first = account("first");
        Account second = account("second");
        unclaimedDevice("SN-1");
        database.devices().setClaimCode("SN-1", CLAIM_CODE_HASH);
        database.devices().claim("SN-1", CLAIM_CODE, first.id(), NOW).value();

        assertThat(database.devices().claim("SN-1", CLAIM_CODE, second.id(), NOW).refusal())
                .contains(ClaimRefusal.ALREADY_CLAIMED);
        assertThat(database.devices().claim("SN-1", "wrong", second.id(), NOW).refusal())
                .contains(ClaimRefusal.WRONG_CLAIM_CODE);
        assertThat(database.devices().findBySerialNumber("SN-1").orElseThrow().owner()).contains(first.id());
    }

    @Test
    void rejects_a_claim_by_an_unknown_account() {
        unclaimedDevice("SN-1");
        database.devices().setClaimCode("SN-1", CLAIM_CODE_HASH);

        assertThatThrownBy(() -> database.devices().claim("SN-1", CLAIM_CODE, UUID.randomUUID(), NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.FOREIGN_KEY);
                    assertThat(e.constraint()).contains("devices_owner_fk");
                });
    }

    @Test
    void sets_no_claim_code_on_an_unknown_device() {
        assertThat(database.devices().setClaimCode("SN-404", CLAIM_CODE_HASH)).isFalse();
    }

    @Test
    void marks_only_a_claimed_device_transferred() {
        Device unclaimed = unclaimedDevice("SN-1");
        Device claimed = claimedDevice("SN-2", account("owner"));

        assertThat(database.devices().markTransferred(unclaimed.id(), NOW)).isFalse();
        assertThat(database.devices().markTransferred(claimed.id(), NOW)).isTrue();
        assertThat(database.devices().markTransferred(claimed.id(), NOW)).isFalse();
        assertThat(database.devices().find(claimed.id())).get()
                .extracting(Device::state).isEqualTo(DeviceState.TRANSFERRED);
    }

    @Test
    void finds_nothing_for_an_unknown_device() {
        assertThat(database.devices().find(UUID.randomUUID())).isEmpty();
        assertThat(database.devices().findBySerialNumber("SN-404")).isEqualTo(Optional.empty());
    }

    @Test
    void keeps_last_seen_durable_across_a_restart() {
        database.devices().recordSeen(information("SN-1", "1.0.0"), NOW.plus(Duration.ofDays(1)));

        restart();

        assertThat(database.devices().findBySerialNumber("SN-1").orElseThrow().lastSeenAt())
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void adopts_a_camera_it_never_saw_as_claimed_by_the_account_holding_it() {
        Account holder = account("ocs-account");

        Outcome<Device, AdoptionRefusal> adopted =
                database.devices().adopt(information("SN-1", "1.0.0"), holder.id(), NOW);

        assertThat(adopted.value().state()).isEqualTo(DeviceState.CLAIMED);
        assertThat(adopted.value().owner()).contains(holder.id());
        assertThat(adopted.value().claimable()).isFalse();
        assertThat(adopted.value().claimedAt()).contains(NOW);
        assertThat(database.devices().findByOwner(holder.id())).containsExactly(adopted.value());
    }

    @Test
    void adopting_again_for_the_same_account_keeps_the_device_and_updates_what_it_reports() {
        Account holder = account("ocs-account");
        Device first = database.devices().adopt(information("SN-1", "1.0.0"), holder.id(), NOW).value();

        Device again = database.devices().adopt(information("SN-1", "1.1.0"), holder.id(), NOW.plusSeconds(60))
                .value();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.claimedAt()).contains(NOW);
        assertThat(again.lastSeenAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(again.information().firmwareVersion()).isEqualTo("1.1.0");
        assertThat(count("devices")).isEqualTo(1);
    }

    @Test
    void refuses_to_adopt_a_camera_another_account_owns() {
        Account owner = account("owner");
        claimedDevice("SN-1", owner);

        assertThat(database.devices().adopt(information("SN-1", "1.0.0"), account("other").id(), NOW).refusal())
                .contains(AdoptionRefusal.OWNED_BY_ANOTHER_ACCOUNT);
        assertThat(database.devices().findBySerialNumber("SN-1").orElseThrow().owner()).contains(owner.id());
    }

    @Test
    void refuses_to_adopt_a_camera_known_from_its_factory_uplink_and_not_claimed() {
        unclaimedDevice("SN-1");

        assertThat(database.devices().adopt(information("SN-1", "1.0.0"), account("holder").id(), NOW).refusal())
                .contains(AdoptionRefusal.AWAITING_CLAIM);
        assertThat(database.devices().findBySerialNumber("SN-1").orElseThrow().state())
                .isEqualTo(DeviceState.UNCLAIMED);
    }

    @Test
    void adopts_again_a_camera_that_was_transferred_away_and_came_back() {
        Account holder = account("holder");
        Device adopted = database.devices().adopt(information("SN-1", "1.0.0"), holder.id(), NOW).value();
        database.devices().markTransferred(adopted.id(), NOW.plusSeconds(10));

        Device back = database.devices().adopt(information("SN-1", "1.0.0"), holder.id(), NOW.plusSeconds(20))
                .value();

        assertThat(back.id()).isEqualTo(adopted.id());
        assertThat(back.state()).isEqualTo(DeviceState.CLAIMED);
        assertThat(back.claimedAt()).contains(NOW.plusSeconds(20));
    }
}
