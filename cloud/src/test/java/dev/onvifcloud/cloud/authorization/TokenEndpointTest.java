package dev.onvifcloud.cloud.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.TokenBuckets;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.ClientRefusal;
import dev.onvifcloud.cloud.storage.ClientStore;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.UsedAssertionIds;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.access.AccessTokenPolicy;
import dev.onvifcloud.security.access.AccessTokenVerifier;
import dev.onvifcloud.security.assertion.ClientAssertion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token endpoint over HTTPS: a grant, and every refusal with its RFC 6749 error and its audited reason. */
class TokenEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tempDir;

    private AuthorizationWorld world;

    @BeforeEach
    void start() {
        world = new AuthorizationWorld(tempDir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void grants_a_bearer_token_to_a_registered_client_whatever_the_kid_of_its_assertion() throws Exception {
        ECKey key = world.registeredClient("camera-1");

        HttpResponse<String> response = world.postForm(
                AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(response.headers().firstValue("pragma")).hasValue("no-cache");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(300);
        AccessTokenVerifier verifier = new AccessTokenVerifier(world.authorizationServer.publicKeys(),
                AccessTokenPolicy.defaults(world.issuer().toString(), AuthorizationWorld.UPLINK), world.clock);
        assertThat(verifier.verify(body.path("access_token").asText()).claims().subject()).isEqualTo("camera-1");
        assertThat(world.audit(TokenAudit.ISSUED)).singleElement()
                .satisfies(entry -> assertThat(entry.event().subject()).isEqualTo("camera-1"));
    }

    @Test
    void accepts_an_assertion_for_the_issuer_as_audience_and_a_matching_client_id() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(AuthorizationWorld.assertion(
                "camera-1", key, world.issuer().toString(), world.clock).serialized());
        form.put("client_id", "camera-1");

        assertThat(world.postForm(form).statusCode()).isEqualTo(200);
    }

    @Test
    void refuses_another_grant_type() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.put("grant_type", "authorization_code");

        assertRefused(world.postForm(form), "unsupported_grant_type", 400, TokenRefusal.UNSUPPORTED_GRANT_TYPE);
    }

    @Test
    void refuses_a_request_without_grant_type() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.remove("grant_type");

        assertRefused(world.postForm(form), "invalid_request", 400, TokenRefusal.MISSING_GRANT_TYPE);
    }

    @Test
    void refuses_a_request_without_client_authentication() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.remove("client_assertion");

        assertRefused(world.postForm(form), "invalid_client", 401, TokenRefusal.NO_CLIENT_AUTHENTICATION);
    }

    @Test
    void refuses_another_client_assertion_type() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer");

        assertRefused(world.postForm(form), "invalid_client", 401, TokenRefusal.UNSUPPORTED_ASSERTION_TYPE);
    }

    @Test
    void refuses_a_duplicated_parameter() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();
        String body = "grant_type=client_credentials&grant_type=client_credentials&client_assertion_type="
                + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" + assertion;

        assertRefused(world.postRaw(body, "application/x-www-form-urlencoded"), "invalid_request", 400,
                TokenRefusal.DUPLICATE_PARAMETER);
    }

    @Test
    void refuses_a_body_that_is_not_a_form() throws Exception {
        assertRefused(world.postRaw("{\"grant_type\":\"client_credentials\"}", "application/json"),
                "invalid_request", 400, TokenRefusal.WRONG_CONTENT_TYPE);
        world.clock.advance(AuthorizationServerSettings.DEFAULT_REFUSAL_AUDIT_INTERVAL);
        assertRefused(world.postRaw("grant_type=%zz", "application/x-www-form-urlencoded"),
                "invalid_request", 400, TokenRefusal.MALFORMED_FORM);
    }

    @Test
    void refuses_an_oversized_body() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.put("padding", "x".repeat(AuthorizationServerSettings.DEFAULT_MAX_FORM_BYTES));

        assertRefused(world.postForm(form), "invalid_request", 400, TokenRefusal.FORM_TOO_LARGE);
    }

    @Test
    void refuses_an_unknown_client() throws Exception {
        ECKey key = AuthorizationWorld.newKey("stranger");

        assertRefused(world.postForm(AuthorizationWorld.grant(world.assertion("stranger", key).serialized())),
                "invalid_client", 401, TokenRefusal.UNKNOWN_CLIENT);
    }

    @Test
    void refuses_a_pending_client() throws Exception {
        world.database.clients().createPending("camera-1", world.clock.instant());
        ECKey key = AuthorizationWorld.newKey("camera-1");

        assertRefused(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized())),
                "invalid_client", 401, TokenRefusal.CLIENT_PENDING);
    }

    @Test
    void refuses_a_revoked_client_even_with_its_own_key() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        world.database.clients().revoke("camera-1", world.clock.instant());

        assertRefused(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized())),
                "unauthorized_client", 400, TokenRefusal.CLIENT_REVOKED);
    }

    @Test
    void refuses_an_assertion_signed_by_another_key() throws Exception {
        world.registeredClient("camera-1");
        ECKey other = AuthorizationWorld.newKey("registered-camera-1");

        assertRefused(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", other).serialized())),
                "invalid_client", 401, TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("BAD_SIGNATURE");
    }

    @Test
    void refuses_a_replayed_assertion() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();

        assertThat(world.postForm(AuthorizationWorld.grant(assertion)).statusCode()).isEqualTo(200);
        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("REPLAYED");
    }

    @Test
    void refuses_a_replayed_assertion_after_the_database_was_reopened() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();
        assertThat(world.postForm(AuthorizationWorld.grant(assertion)).statusCode()).isEqualTo(200);

        world.restart();

        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("REPLAYED");
    }

    @Test
    void refuses_an_expired_assertion() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();
        world.clock.advance(Duration.ofMinutes(5));

        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("EXPIRED");
    }

    @Test
    void refuses_an_assertion_for_another_audience() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = AuthorizationWorld.assertion("camera-1", key, "https://other.example/oauth2/token",
                world.clock).serialized();

        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("WRONG_AUDIENCE");
    }

    @Test
    void refuses_an_assertion_whose_issuer_is_not_its_subject() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("camera-2").subject("camera-1")
                .audience(world.tokenEndpoint().toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(world.clock.instant()))
                .expirationTime(Date.from(world.clock.instant().plusSeconds(60))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k").build(), claims);
        jwt.sign(new ECDSASigner(key));

        assertRefused(world.postForm(AuthorizationWorld.grant(jwt.serialize())), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("SUBJECT_MISMATCH iss");
    }

    @Test
    void refuses_a_client_id_other_than_the_assertion_subject() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        world.registeredClient("camera-2");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.put("client_id", "camera-2");

        assertRefused(world.postForm(form), "invalid_client", 401, TokenRefusal.CLIENT_ID_MISMATCH);
    }

    @Test
    void refuses_a_garbage_assertion() throws Exception {
        assertRefused(world.postForm(AuthorizationWorld.grant("not-a-jwt")), "invalid_client", 401,
                TokenRefusal.UNREADABLE_ASSERTION);
    }

    @Test
    void refuses_a_scope_it_does_not_grant() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-1", key).serialized());
        form.put("scope", "admin");

        assertRefused(world.postForm(form), "invalid_scope", 400, TokenRefusal.SCOPE_NOT_GRANTABLE);
    }

    @Test
    void grants_a_scope_named_twice() throws Exception {
        try (AuthorizationWorld scoped = new AuthorizationWorld(tempDir.resolve("scoped"),
                builder -> builder.grantableScopes(Set.of("uplink")))) {
            ECKey key = scoped.registeredClient("camera-1");
            Map<String, String> form = AuthorizationWorld.grant(scoped.assertion("camera-1", key).serialized());
            form.put("scope", "uplink uplink");

            HttpResponse<String> response = scoped.postForm(form);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("scope").asText()).isEqualTo("uplink uplink");
        }
    }

    @Test
    void audits_repeated_refusals_of_one_client_once_per_interval() throws Exception {
        for (int i = 0; i < 3; i++) {
            world.postForm(AuthorizationWorld.grant("not-a-jwt"));
        }
        assertThat(world.audit(TokenAudit.REFUSED)).hasSize(1);

        world.clock.advance(AuthorizationServerSettings.DEFAULT_REFUSAL_AUDIT_INTERVAL);
        world.postForm(AuthorizationWorld.grant("not-a-jwt"));

        assertThat(world.audit(TokenAudit.REFUSED)).hasSize(2)
                .last().satisfies(entry -> assertThat(entry.event().detail()).contains("refusals-not-logged-since-last=2"));
    }

    @Test
    void audits_every_token_it_hands_out_with_its_jti() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = world.postForm(
                    AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()));
            assertThat(response.statusCode()).isEqualTo(200);
            handedOut.add(SignedJWT.parse(JSON.readTree(response.body()).path("access_token").asText())
                    .getJWTClaimsSet().getJWTID());
        }

        assertThat(world.audit(TokenAudit.ISSUED)).extracting(entry -> entry.event().detail())
                .hasSize(3)
                .allSatisfy(detail -> assertThat(detail).contains(" exp=", " from="))
                .satisfiesExactly(
                        detail -> assertThat(detail).startsWith("jti=" + handedOut.get(0) + " "),
                        detail -> assertThat(detail).startsWith("jti=" + handedOut.get(1) + " "),
                        detail -> assertThat(detail).startsWith("jti=" + handedOut.get(2) + " "));
    }

    @Test
    void refuses_a_client_revoked_after_its_key_was_kept_in_memory() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        assertThat(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()))
                .statusCode()).isEqualTo(200);

        world.database.inTransaction(transaction -> transaction.clients().revoke("camera-1", world.clock.instant()));

        assertRefused(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized())),
                "unauthorized_client", 400, TokenRefusal.CLIENT_REVOKED);
        assertThat(world.audit(TokenAudit.ISSUED)).hasSize(1);
    }

    @Test
    void refuses_a_replayed_assertion_and_audits_no_token_for_it() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();
        assertThat(world.postForm(AuthorizationWorld.grant(assertion)).statusCode()).isEqualTo(200);

        world.postForm(AuthorizationWorld.grant(assertion));

        assertThat(world.audit(TokenAudit.ISSUED)).hasSize(1);
    }

    @Test
    void uses_up_a_verified_assertion_refused_for_its_scope() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        String assertion = world.assertion("camera-1", key).serialized();
        Map<String, String> form = AuthorizationWorld.grant(assertion);
        form.put("scope", "admin");
        assertRefused(world.postForm(form), "invalid_scope", 400, TokenRefusal.SCOPE_NOT_GRANTABLE);
        world.clock.advance(AuthorizationServerSettings.DEFAULT_REFUSAL_AUDIT_INTERVAL);

        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("REPLAYED");
    }

    @Test
    void uses_up_a_verified_assertion_of_a_revoked_client() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        world.database.clients().revoke("camera-1", world.clock.instant());
        String assertion = world.assertion("camera-1", key).serialized();
        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "unauthorized_client", 400,
                TokenRefusal.CLIENT_REVOKED);
        world.clock.advance(AuthorizationServerSettings.DEFAULT_REFUSAL_AUDIT_INTERVAL);

        assertRefused(world.postForm(AuthorizationWorld.grant(assertion)), "invalid_client", 401,
                TokenRefusal.ASSERTION_REJECTED);
        assertThat(lastRefusal().event().detail()).contains("REPLAYED");
    }

    @Test
    void refuses_a_grant_whose_registration_changed_each_time_it_was_recorded() throws Exception {
        ECKey key = world.registeredClient("camera-1");
        OAuthClient asRegistered = world.database.clients().find("camera-1").orElseThrow();
        world.database.inTransaction(transaction -> transaction.clients().revoke("camera-1", world.clock.instant()));
        AuthorizationServerSettings settings = AuthorizationServerSettings.builder(world.issuer(),
                java.net.URI.create(AuthorizationWorld.UPLINK)).build();
        TokenEndpoint endpoint = new TokenEndpoint(settings,
                new RegisteredClients(new StaleClients(world.database.clients(), asRegistered), 10),
                UsedAssertionIds.in(world.database, world.clock),
                new AccessTokenIssuer(world.signingKey, world.issuer().toString(), AuthorizationWorld.UPLINK,
                        world.clock),
                new TokenBuckets(settings.rateLimit(), 10, world.clock),
                new TokenAudit(world.database.auditLog(), settings.refusalAuditInterval(), world.clock), world.clock);
        String body = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ClientAssertion.ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + world.assertion("camera-1", key).serialized();

        ApiResponse response = endpoint.handle(new ApiRequest("POST", AuthorizationServerSettings.TOKEN_PATH,
                Map.of("content-type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), "correlation-1"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(lastRefusal().event().detail()).startsWith("reason=" + TokenRefusal.REGISTRATION_CHANGED + " ");
        assertThat(world.audit(TokenAudit.ISSUED)).isEmpty();
    }

    /**
     * The key kept in memory (converted, ready to verify with) is dropped once the grant's transaction finds that the
     * stored key is another: the old key's assertion is then verified with the new key, and refused; the new key's
     * assertions are granted from then on.
     */
    @Test
    void verifies_with_the_new_key_once_the_kept_key_turned_out_to_be_replaced() throws Exception {
        ECKey storedKey = world.registeredClient("camera-1");
        ECKey keptKey = AuthorizationWorld.newKey("replaced");
        OAuthClient stored = world.database.clients().find("camera-1").orElseThrow();
        OAuthClient asKept = new OAuthClient("camera-1", stored.state(),
                Optional.of(keptKey.toPublicJWK().toJSONString()), stored.created(), stored.keyRegistered(),
                stored.revoked());
        AuthorizationServerSettings settings = AuthorizationServerSettings.builder(world.issuer(),
                java.net.URI.create(AuthorizationWorld.UPLINK)).build();
        TokenEndpoint endpoint = new TokenEndpoint(settings,
                new RegisteredClients(new ReplacedKeyClients(world.database.clients(), asKept), 10),
                UsedAssertionIds.in(world.database, world.clock),
                new AccessTokenIssuer(world.signingKey, world.issuer().toString(), AuthorizationWorld.UPLINK,
                        world.clock),
                new TokenBuckets(settings.rateLimit(), 10, world.clock),
                new TokenAudit(world.database.auditLog(), settings.refusalAuditInterval(), world.clock), world.clock);

        ApiResponse withKeptKey = endpoint.handle(tokenRequest(world.assertion("camera-1", keptKey).serialized()));

        assertThat(withKeptKey.status()).isEqualTo(401);
        assertThat(lastRefusal().event().detail())
                .startsWith("reason=" + TokenRefusal.ASSERTION_REJECTED + " ").contains("BAD_SIGNATURE");
        assertThat(endpoint.handle(tokenRequest(world.assertion("camera-1", storedKey).serialized())).status())
                .isEqualTo(200);
        assertThat(endpoint.handle(tokenRequest(world.assertion("camera-1", storedKey).serialized())).status())
                .isEqualTo(200);
        assertThat(world.audit(TokenAudit.ISSUED)).hasSize(2);
    }

    private static ApiRequest tokenRequest(String assertion) {
        String body = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ClientAssertion.ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return new ApiRequest("POST", AuthorizationServerSettings.TOKEN_PATH,
                Map.of("content-type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), "correlation-1");
    }

    /** Client registrations that pass everything to {@code store}; subclasses change what {@link #find} answers. */
    private abstract static class ForwardingClients implements ClientStore {

        final ClientStore store;

        ForwardingClients(ClientStore store) {
            this.store = store;
        }

        @Override
        public OAuthClient createPending(String clientId, Instant now) {
            return store.createPending(clientId, now);
        }

        @Override
        public Outcome<OAuthClient, ClientRefusal> registerKey(String clientId, String publicJwk, Instant now) {
            return store.registerKey(clientId, publicJwk, now);
        }

        @Override
        public boolean revoke(String clientId, Instant now) {
            return store.revoke(clientId, now);
        }
    }

    /** Client registrations whose first look-up finds the client with a key that has been replaced since. */
    private static final class ReplacedKeyClients extends ForwardingClients {

        private OAuthClient replaced;

        ReplacedKeyClients(ClientStore store, OAuthClient replaced) {
            super(store);
            this.replaced = replaced;
        }

        @Override
        public synchronized Optional<OAuthClient> find(String clientId) {
            if (replaced != null && replaced.clientId().equals(clientId)) {
                OAuthClient once = replaced;
                replaced = null;
                return Optional.of(once);
            }
            return store.find(clientId);
        }
    }

    /** A copy of the client registrations that lags behind: finds the client as it was, whatever it is now. */
    private static final class StaleClients extends ForwardingClients {

        private final OAuthClient asItWas;

        StaleClients(ClientStore store, OAuthClient asItWas) {
            super(store);
            this.asItWas = asItWas;
        }

        @Override
        public Optional<OAuthClient> find(String clientId) {
            return asItWas.clientId().equals(clientId) ? Optional.of(asItWas) : store.find(clientId);
        }
    }

    private void assertRefused(HttpResponse<String> response, String error, int status, TokenRefusal reason)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(lastRefusal().event().detail()).startsWith("reason=" + reason + " ").doesNotContain("eyJ");
    }

    private AuditEntry lastRefusal() {
        var refusals = world.audit(TokenAudit.REFUSED);
        assertThat(refusals).isNotEmpty();
        return refusals.get(refusals.size() - 1);
    }
}
