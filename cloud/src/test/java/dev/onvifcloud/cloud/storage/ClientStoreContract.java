package dev.onvifcloud.cloud.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.onvifcloud.testing.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

abstract class ClientStoreContract extends StorageContract {

    private static final ECKey KEY = generate("camera-key");
    private static final ECKey OTHER_KEY = generate("other-key");

    @Test
    void creates_a_pending_client_without_a_key() {
        OAuthClient created = database.clients().createPending("client-1", NOW);

        assertThat(created).isEqualTo(new OAuthClient("client-1", OAuthClientState.PENDING, Optional.empty(), NOW,
                Optional.empty(), Optional.empty()));
        assertThat(database.clients().find("client-1")).contains(created);
        assertThat(database.clients().find("client-2")).isEmpty();
    }

    @Test
    void refuses_a_second_client_with_the_same_id() {
        database.clients().createPending("client-1", NOW);

        assertThatThrownBy(() -> database.clients().createPending("client-1", NOW))
                .isInstanceOfSatisfying(StorageConstraintException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageConstraintException.Kind.UNIQUE);
                    assertThat(e.constraint()).contains("oauth_clients_pk");
                });
    }

    @Test
    void registers_the_key_of_a_pending_client() {
        database.clients().createPending("client-1", NOW);

        OAuthClient registered = database.clients()
                .registerKey("client-1", KEY.toPublicJWK().toJSONString(), NOW.plusSeconds(5)).value();

        assertThat(registered.state()).isEqualTo(OAuthClientState.REGISTERED);
        assertThat(registered.isRegistered()).isTrue();
        assertThat(registered.keyRegistered()).contains(NOW.plusSeconds(5));
        assertThat(registered.publicJwk()).hasValueSatisfying(json -> assertThat(parse(json)).isEqualTo(KEY.toPublicJWK()));
        assertThat(database.clients().find("client-1")).contains(registered);
    }

    @Test
    void accepts_the_same_key_again_unchanged_whatever_its_member_order() {
        database.clients().createPending("client-1", NOW);
        OAuthClient registered = database.clients()
                .registerKey("client-1", KEY.toPublicJWK().toJSONString(), NOW).value();
        Map<String, Object> members = KEY.toPublicJWK().toJSONObject();
        String reordered = "{\"y\":\"" + members.get("y") + "\",\"x\":\"" + members.get("x")
                + "\",\"crv\":\"P-256\",\"kty\":\"EC\"}";

        assertThat(database.clients().registerKey("client-1", reordered, NOW.plusSeconds(60)))
                .isEqualTo(Outcome.accepted(registered));
    }

    @Test
    void refuses_another_key_for_a_registered_client() {
        database.clients().createPending("client-1", NOW);
        OAuthClient registered = database.clients()
                .registerKey("client-1", KEY.toPublicJWK().toJSONString(), NOW).value();

        assertThat(database.clients().registerKey("client-1", OTHER_KEY.toPublicJWK().toJSONString(), NOW).refusal())
                .contains(ClientRefusal.KEY_MISMATCH);
        assertThat(database.clients().find("client-1")).contains(registered);
    }

    @Test
    void refuses_a_key_for_an_unknown_client() {
        assertThat(database.clients().registerKey("nobody", KEY.toPublicJWK().toJSONString(), NOW).refusal())
                .contains(ClientRefusal.UNKNOWN_CLIENT);
    }

    @Test
    void refuses_a_key_for_a_revoked_client() {
        database.clients().createPending("client-1", NOW);
        database.clients().revoke("client-1", NOW);

        assertThat(database.clients().registerKey("client-1", KEY.toPublicJWK().toJSONString(), NOW).refusal())
                .contains(ClientRefusal.CLIENT_REVOKED);
    }

    @Test
    void refuses_a_private_key_or_garbage_as_the_public_key() {
        database.clients().createPending("client-1", NOW);

        assertThatThrownBy(() -> database.clients().registerKey("client-1", KEY.toJSONString(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> database.clients().registerKey("client-1", "{\"kty\":", NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(database.clients().find("client-1").orElseThrow().state()).isEqualTo(OAuthClientState.PENDING);
    }

    @Test
    void revokes_a_client_once_keeping_its_key() {
        database.clients().createPending("client-1", NOW);
        database.clients().registerKey("client-1", KEY.toPublicJWK().toJSONString(), NOW);

        assertThat(database.clients().revoke("client-1", NOW.plusSeconds(9))).isTrue();
        assertThat(database.clients().revoke("client-1", NOW.plusSeconds(10))).isFalse();
        assertThat(database.clients().revoke("nobody", NOW)).isFalse();

        OAuthClient revoked = database.clients().find("client-1").orElseThrow();
        assertThat(revoked.state()).isEqualTo(OAuthClientState.REVOKED);
        assertThat(revoked.revoked()).contains(NOW.plusSeconds(9));
        assertThat(revoked.publicJwk()).isPresent();
        assertThat(revoked.isRegistered()).isFalse();
    }

    @Test
    void revokes_a_pending_client() {
        database.clients().createPending("client-1", NOW);

        assertThat(database.clients().revoke("client-1", NOW)).isTrue();
        assertThat(database.clients().find("client-1").orElseThrow().state()).isEqualTo(OAuthClientState.REVOKED);
    }

    @Test
    void works_inside_a_transaction() {
        database.inTransaction(transaction -> transaction.clients().createPending("client-1", NOW));

        assertThat(database.clients().find("client-1")).isPresent();
    }

    @Test
    void accepts_an_assertion_id_once_even_after_a_restart() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        UsedAssertionIds used = UsedAssertionIds.in(database, clock);

        assertThat(used.firstUse("client-1", "jti-1", NOW.plusSeconds(60))).isTrue();
        assertThat(used.firstUse("client-1", "jti-1", NOW.plusSeconds(60))).isFalse();
        assertThat(used.firstUse("client-2", "jti-1", NOW.plusSeconds(60))).isTrue();

        restart();
        assertThat(UsedAssertionIds.in(database, clock).firstUse("client-1", "jti-1", NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void remembers_a_long_assertion_id_by_its_hash() {
        UsedAssertionIds used = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));
        String longJti = "j".repeat(5000);

        assertThat(used.firstUse("client-1", longJti, NOW.plusSeconds(60))).isTrue();
        assertThat(used.firstUse("client-1", longJti, NOW.plusSeconds(60))).isFalse();
        assertThat(used.firstUse("client-1", longJti + "x", NOW.plusSeconds(60))).isTrue();
    }

    @Test
    void forgets_assertion_ids_once_they_expired() {
        UsedAssertionIds early = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));
        early.firstUse("client-1", "jti-1", NOW.plusSeconds(60));
        early.firstUse("client-1", "jti-2", NOW.plusSeconds(600));

        Clock later = Clock.offset(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(61));
        UsedAssertionIds used = UsedAssertionIds.in(database, later);
        assertThat(used.firstUse("client-1", "jti-2", NOW.plusSeconds(600))).isFalse();
        assertThat(count("used_assertion_ids")).isEqualTo(1);
        assertThat(used.firstUse("client-1", "jti-1", NOW.plusSeconds(120))).isTrue();
    }

    @Test
    void records_a_grant_and_its_audit_row_together() {
        String jwk = registered("client-1");
        UsedAssertionIds used = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(used.firstUseForGrant("client-1", jwk, "jti-1", NOW.plusSeconds(60), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.FIRST);

        assertThat(count("used_assertion_ids")).isEqualTo(1);
        assertThat(database.auditLog().find(AuditQuery.first(10))).singleElement()
                .satisfies(entry -> assertThat(entry.event()).isEqualTo(granted("client-1")));
    }

    @Test
    void refuses_a_replayed_grant_without_writing_anything() {
        String jwk = registered("client-1");
        UsedAssertionIds used = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));
        used.firstUseForGrant("client-1", jwk, "jti-1", NOW.plusSeconds(60), granted("client-1"));
        used.firstUse("client-1", "jti-2", NOW.plusSeconds(60));

        assertThat(used.firstUseForGrant("client-1", jwk, "jti-1", NOW.plusSeconds(60), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.REPLAYED);
        assertThat(used.firstUseForGrant("client-1", jwk, "jti-2", NOW.plusSeconds(60), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.REPLAYED);
        assertThat(used.firstUse("client-1", "jti-1", NOW.plusSeconds(60))).isFalse();
        assertThat(count("used_assertion_ids")).isEqualTo(2);
        assertThat(count("audit_log")).isEqualTo(1);
    }

    @Test
    void refuses_a_replayed_grant_after_a_restart() {
        String jwk = registered("client-1");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        UsedAssertionIds.in(database, clock).firstUseForGrant("client-1", jwk, "jti-1", NOW.plusSeconds(60),
                granted("client-1"));

        restart();

        assertThat(UsedAssertionIds.in(database, clock).firstUseForGrant("client-1", jwk, "jti-1",
                NOW.plusSeconds(60), granted("client-1"))).isEqualTo(UsedAssertionIds.GrantUse.REPLAYED);
    }

    @Test
    void records_no_grant_for_a_client_no_longer_registered_with_that_key() {
        String jwk = registered("client-1");
        registered("client-2");
        database.inTransaction(transaction -> transaction.clients().revoke("client-2", NOW));
        database.clients().createPending("client-3", NOW);
        UsedAssertionIds used = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));
        String otherJwk = OTHER_KEY.toPublicJWK().toJSONString();

        assertThat(used.firstUseForGrant("client-1", otherJwk, "jti-1", NOW.plusSeconds(60), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.CLIENT_CHANGED);
        assertThat(used.firstUseForGrant("client-2", jwk, "jti-1", NOW.plusSeconds(60), granted("client-2")))
                .isEqualTo(UsedAssertionIds.GrantUse.CLIENT_CHANGED);
        assertThat(used.firstUseForGrant("client-3", jwk, "jti-1", NOW.plusSeconds(60), granted("client-3")))
                .isEqualTo(UsedAssertionIds.GrantUse.CLIENT_CHANGED);
        assertThat(used.firstUseForGrant("nobody", jwk, "jti-1", NOW.plusSeconds(60), granted("nobody")))
                .isEqualTo(UsedAssertionIds.GrantUse.CLIENT_CHANGED);
        assertThat(count("used_assertion_ids")).isZero();
        assertThat(count("audit_log")).isZero();
    }

    @Test
    void purging_expired_assertion_ids_keeps_refusing_the_live_ones() {
        String jwk = registered("client-1");
        UsedAssertionIds early = UsedAssertionIds.in(database, Clock.fixed(NOW, ZoneOffset.UTC));
        early.firstUseForGrant("client-1", jwk, "expiring", NOW.plusSeconds(60), granted("client-1"));
        early.firstUseForGrant("client-1", jwk, "live", NOW.plusSeconds(600), granted("client-1"));

        UsedAssertionIds later = UsedAssertionIds.in(database,
                Clock.offset(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(61)));
        assertThat(later.purgeExpired()).isEqualTo(1);

        assertThat(later.firstUseForGrant("client-1", jwk, "live", NOW.plusSeconds(600), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.REPLAYED);
        assertThat(later.firstUse("client-1", "live", NOW.plusSeconds(600))).isFalse();
        assertThat(later.firstUseForGrant("client-1", jwk, "expiring", NOW.plusSeconds(120), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.FIRST);
    }

    @Test
    void an_expired_assertion_id_not_purged_yet_gives_way_to_a_new_use() {
        String jwk = registered("client-1");
        SettableClock clock = new SettableClock(NOW);
        UsedAssertionIds used = UsedAssertionIds.in(database, clock); // purges on its first call, then a minute later
        used.firstUseForGrant("client-1", jwk, "expiring", NOW.plusSeconds(10), granted("client-1"));
        used.firstUse("client-1", "plain", NOW.plusSeconds(10));
        used.firstUse("client-1", "live", NOW.plusSeconds(600));

        clock.advance(Duration.ofSeconds(30));

        assertThat(used.firstUseForGrant("client-1", jwk, "expiring", NOW.plusSeconds(90), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.FIRST);
        assertThat(used.firstUse("client-1", "plain", NOW.plusSeconds(90))).isTrue();
        assertThat(used.firstUseForGrant("client-1", jwk, "live", NOW.plusSeconds(600), granted("client-1")))
                .isEqualTo(UsedAssertionIds.GrantUse.REPLAYED);
        assertThat(used.firstUse("client-1", "live", NOW.plusSeconds(600))).isFalse();
        assertThat(count("used_assertion_ids")).isEqualTo(3);
    }

    /** Registers {@code clientId} with {@link #KEY}; returns the key as stored. */
    private String registered(String clientId) {
        database.clients().createPending(clientId, NOW);
        return database.clients().registerKey(clientId, KEY.toPublicJWK().toJSONString(), NOW).value()
                .publicJwk().orElseThrow();
    }

    private static AuditEvent granted(String clientId) {
        return new AuditEvent(NOW, "authorization-server", "oauth.token.issued", clientId, "jti=at-1");
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static ECKey generate(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
