package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class OcsCameraStoreContract extends StorageContract {

    private Account owner;

    @BeforeEach
    void owner() {
        owner = account("ocs-owner");
    }

    private NewOcsCamera camera(String serialNumber) {
        String token = "header.payload-" + serialNumber + ".signature";
        return new NewOcsCamera(UUID.randomUUID(), owner.id(), "client-" + serialNumber, token,
                "0".repeat(64),
                "https://pcs.example", "jti-" + serialNumber, NOW.plus(Duration.ofHours(1)),
                URI.create("https://pcs.example"), serialNumber, "CloudCam 1", "Acme");
    }

    private NewOcsCamera withSha(NewOcsCamera camera, String sha) {
        return new NewOcsCamera(camera.id(), camera.accountId(), camera.clientId(), camera.shareToken(), sha,
                camera.issuer(), camera.jwtId(), camera.tokenExpiresAt(), camera.xaddr(), camera.serialNumber(),
                camera.model(), camera.manufacturer());
    }

    private OcsCamera added(String serialNumber, char shaDigit) {
        return database.ocsCameras().add(withSha(camera(serialNumber), String.valueOf(shaDigit).repeat(64)), NOW);
    }

    @Test
    void adds_a_pending_camera_due_now_and_finds_it_every_way() {
        OcsCamera camera = added("SN-1", 'a');

        assertThat(camera.state()).isEqualTo(OcsCameraState.PENDING);
        assertThat(camera.shareToken()).contains("header.payload-SN-1.signature");
        assertThat(camera.attempts()).isZero();
        assertThat(camera.nextAttemptAt()).isEqualTo(NOW);
        assertThat(camera.lease()).isEmpty();
        assertThat(database.ocsCameras().find(camera.id())).contains(camera);
        assertThat(database.ocsCameras().findByClientId("client-SN-1")).contains(camera);
        assertThat(database.ocsCameras().findByShareTokenSha256("a".repeat(64))).contains(camera);
        assertThat(database.ocsCameras().listByAccount(owner.id())).containsExactly(camera);
    }

    @Test
    void refuses_the_same_share_token_twice() {
        added("SN-1", 'a');

        assertThatThrownBy(() -> database.ocsCameras().add(withSha(camera("SN-2"), "a".repeat(64)), NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("ocs_cameras_token_key");
                });
    }

    @Test
    void claims_due_cameras_under_a_lease_and_records_the_acknowledgement() {
        OcsCamera camera = added("SN-1", 'a');

        List<OcsCamera> claimed = database.ocsCameras().claimDue(NOW, "node-a", LEASE, 10);

        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.lease()).isPresent();
        });
        assertThat(database.ocsCameras().claimDue(NOW, "node-b", LEASE, 10)).isEmpty();
        assertThat(database.ocsCameras().sharingRequested(claimed.get(0).lease().orElseThrow(), NOW)).isTrue();
        OcsCamera requested = database.ocsCameras().find(camera.id()).orElseThrow();
        assertThat(requested.state()).isEqualTo(OcsCameraState.SHARING_REQUESTED);
        assertThat(requested.shareToken()).isEmpty();
        assertThat(requested.lease()).isEmpty();
        assertThat(requested.sharingRequested()).contains(NOW);
    }

    @Test
    void keeps_a_camera_pending_for_a_retry_and_claims_it_again_when_due() {
        added("SN-1", 'a');
        Lease lease = database.ocsCameras().claimDue(NOW, "node-a", LEASE, 10).get(0).lease().orElseThrow();

        assertThat(database.ocsCameras().retryLater(lease, "HTTP 500", NOW.plusSeconds(10), NOW)).isTrue();

        assertThat(database.ocsCameras().claimDue(NOW.plusSeconds(9), "node-a", LEASE, 10)).isEmpty();
        List<OcsCamera> again = database.ocsCameras().claimDue(NOW.plusSeconds(10), "node-a", LEASE, 10);
        assertThat(again).singleElement().satisfies(c -> {
            assertThat(c.attempts()).isEqualTo(2);
            assertThat(c.lastError()).contains("HTTP 500");
            assertThat(c.shareToken()).isPresent();
        });
    }

    @Test
    void refuses_writes_with_a_lease_that_was_taken_over() {
        added("SN-1", 'a');
        Lease old = database.ocsCameras().claimDue(NOW, "node-a", LEASE, 10).get(0).lease().orElseThrow();
        database.ocsCameras().claimDue(NOW.plus(LEASE), "node-b", LEASE, 10);

        assertThat(database.ocsCameras().sharingRequested(old, NOW.plus(LEASE))).isFalse();
        assertThat(database.ocsCameras().sharingFailed(old, "x", NOW.plus(LEASE))).isFalse();
        assertThat(database.ocsCameras().retryLater(old, "x", NOW.plus(LEASE), NOW.plus(LEASE))).isFalse();
    }

    @Test
    void fails_a_camera_with_its_reason_and_forgets_its_token() {
        OcsCamera camera = added("SN-1", 'a');
        Lease lease = database.ocsCameras().claimDue(NOW, "node-a", LEASE, 10).get(0).lease().orElseThrow();

        assertThat(database.ocsCameras().sharingFailed(lease, "Invalid JWT", NOW)).isTrue();

        OcsCamera failed = database.ocsCameras().find(camera.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(OcsCameraState.FAILED);
        assertThat(failed.reason()).contains("Invalid JWT");
        assertThat(failed.shareToken()).isEmpty();
    }

    @Test
    void moves_a_camera_only_from_the_states_given() {
        OcsCamera camera = added("SN-1", 'a');

        assertThat(database.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.REGISTERED),
                OcsCameraState.VERIFIED, Optional.empty(), NOW)).isFalse();
        assertThat(database.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.PENDING),
                OcsCameraState.REGISTERED, Optional.empty(), NOW)).isTrue();
        assertThat(database.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.REGISTERED),
                OcsCameraState.IDENTITY_MISMATCH, Optional.of("reported sn=other"), NOW.plusSeconds(1))).isTrue();

        OcsCamera moved = database.ocsCameras().find(camera.id()).orElseThrow();
        assertThat(moved.state()).isEqualTo(OcsCameraState.IDENTITY_MISMATCH);
        assertThat(moved.reason()).contains("reported sn=other");
        assertThat(moved.registered()).contains(NOW);
        assertThat(moved.shareToken()).isEmpty();
        assertThat(database.ocsCameras().claimDue(NOW.plusSeconds(5), "node-a", LEASE, 10)).isEmpty();
    }

    @Test
    void records_verification_and_last_seen_times() {
        OcsCamera camera = added("SN-1", 'a');
        database.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.PENDING), OcsCameraState.REGISTERED,
                Optional.empty(), NOW);
        database.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.REGISTERED), OcsCameraState.VERIFIED,
                Optional.empty(), NOW.plusSeconds(1));
        database.ocsCameras().recordSeen(camera.id(), NOW.plusSeconds(60));

        OcsCamera seen = database.ocsCameras().find(camera.id()).orElseThrow();
        assertThat(seen.verified()).contains(NOW.plusSeconds(1));
        assertThat(seen.lastSeen()).contains(NOW.plusSeconds(60));
    }

    @Test
    void lists_an_accounts_cameras_only_and_keeps_them_across_a_restart() {
        OcsCamera mine = added("SN-1", 'a');
        Account other = account("other");
        database.ocsCameras().add(new NewOcsCamera(UUID.randomUUID(), other.id(), "client-other", "a.b.c",
                "b".repeat(64), "https://pcs.example", "jti-other", NOW.plusSeconds(60), URI.create("https://pcs"),
                "SN-O", "M", "A"), NOW);

        restart();

        assertThat(database.ocsCameras().listByAccount(owner.id())).containsExactly(mine);
    }
}
