package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

abstract class ShareTokenStoreContract extends StorageContract {

    @Test
    void records_an_issued_token() {
        Account owner = account("owner");
        Device device = claimedDevice("SN-1", owner);

        IssuedShareToken token = shareToken("jti-1", device, owner, SharingMode.TRANSFER);

        assertThat(token).isEqualTo(new IssuedShareToken("jti-1", device.id(), owner.id(), SharingMode.TRANSFER,
                NOW, NOW.plus(Duration.ofMinutes(15)), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()));
        assertThat(database.shareTokens().find("jti-1")).contains(token);
        assertThat(database.shareTokens().findByDevice(device.id())).containsExactly(token);
    }

    @Test
    void rejects_a_jti_recorded_already() {
        Account owner = account("owner");
        Device device = claimedDevice("SN-1", owner);
        shareToken("jti-1", device, owner, SharingMode.SHARE);

        assertThatThrownBy(() -> shareToken("jti-1", device, owner, SharingMode.SHARE))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("share_tokens_pk");
                });
    }

    @Test
    void rejects_a_token_for_an_unknown_device() {
        Account owner = account("owner");

        assertThatThrownBy(() -> database.shareTokens().record(new NewShareToken("jti-1", UUID.randomUUID(),
                owner.id(), SharingMode.SHARE, NOW, NOW.plusSeconds(60))))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.FOREIGN_KEY);
                    assertThat(e.constraint()).contains("share_tokens_device_fk");
                });
    }

    @Test
    void marks_a_token_used_once() {
        tokens(1);
        UUID operation = UUID.randomUUID();

        Outcome<IssuedShareToken, ShareTokenRefusal> first =
                database.shareTokens().markUsed("jti-0", operation, NOW.plusSeconds(1));

        assertThat(first.value().usedAt()).contains(NOW.plusSeconds(1));
        assertThat(first.value().usedByOperation()).contains(operation);
        assertThat(database.shareTokens().find("jti-0")).contains(first.value());
    }

    @Test
    void refuses_a_token_used_twice() {
        tokens(1);
        UUID operation = UUID.randomUUID();
        database.shareTokens().markUsed("jti-0", operation, NOW).value();

        Outcome<IssuedShareToken, ShareTokenRefusal> second =
                database.shareTokens().markUsed("jti-0", UUID.randomUUID(), NOW.plusSeconds(1));

        assertThat(second.refusal()).contains(ShareTokenRefusal.ALREADY_USED);
        assertThat(database.shareTokens().find("jti-0").orElseThrow().usedByOperation()).contains(operation);
    }

    @Test
    void refuses_a_revoked_token() {
        tokens(1);
        assertThat(database.shareTokens().revoke("jti-0", NOW)).isTrue();

        assertThat(database.shareTokens().markUsed("jti-0", UUID.randomUUID(), NOW).refusal())
                .contains(ShareTokenRefusal.REVOKED);
    }

    @Test
    void refuses_a_token_at_its_expiry_time_and_accepts_it_just_before() {
        tokens(2);
        java.time.Instant expiry = NOW.plus(Duration.ofMinutes(15));

        assertThat(database.shareTokens().markUsed("jti-0", UUID.randomUUID(), expiry).refusal())
                .contains(ShareTokenRefusal.EXPIRED);
        assertThat(database.shareTokens().markUsed("jti-1", UUID.randomUUID(), expiry.minusNanos(1000)).isAccepted())
                .isTrue();
    }

    @Test
    void refuses_an_unknown_token() {
        assertThat(database.shareTokens().markUsed("no-such-jti", UUID.randomUUID(), NOW).refusal())
                .contains(ShareTokenRefusal.UNKNOWN);
    }

    @Test
    void refuses_a_token_whose_issuer_no_longer_owns_the_device() {
        List<IssuedShareToken> tokens = tokens(1);
        database.devices().markTransferred(tokens.get(0).deviceId(), NOW);

        assertThat(database.shareTokens().markUsed("jti-0", UUID.randomUUID(), NOW).refusal())
                .contains(ShareTokenRefusal.ISSUER_NOT_OWNER);
    }

    @Test
    void revokes_only_an_unused_token_once() {
        tokens(2);
        database.shareTokens().markUsed("jti-0", UUID.randomUUID(), NOW).value();

        assertThat(database.shareTokens().revoke("jti-0", NOW)).isFalse();
        assertThat(database.shareTokens().revoke("jti-1", NOW)).isTrue();
        assertThat(database.shareTokens().revoke("jti-1", NOW)).isFalse();
        assertThat(database.shareTokens().revoke("no-such-jti", NOW)).isFalse();
        assertThat(database.shareTokens().find("jti-1").orElseThrow().revokedAt()).contains(NOW);
    }

    @Test
    void accepts_exactly_one_of_concurrent_uses_of_a_token() throws Exception {
        tokens(1);
        int threads = 6;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome<IssuedShareToken, ShareTokenRefusal>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return database.shareTokens().markUsed("jti-0", UUID.randomUUID(), NOW);
                }));
            }
            start.countDown();
            List<Outcome<IssuedShareToken, ShareTokenRefusal>> outcomes = new ArrayList<>();
            for (Future<Outcome<IssuedShareToken, ShareTokenRefusal>> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(Outcome::isAccepted).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> !outcome.isAccepted())
                    .allSatisfy(outcome -> assertThat(outcome.refusal()).contains(ShareTokenRefusal.ALREADY_USED));
        } finally {
            executor.shutdownNow();
        }
    }
}
