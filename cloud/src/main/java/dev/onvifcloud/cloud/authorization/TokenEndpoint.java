package dev.onvifcloud.cloud.authorization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimNames;
import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.TokenBuckets;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.UsedAssertionIds;
import dev.onvifcloud.security.access.AccessToken;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.assertion.ClientAssertionVerifier;
import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.assertion.JtiReplayGuard;
import dev.onvifcloud.security.jose.CompactJws;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth2/token}: the {@code client_credentials} grant for clients that authenticate with
 * {@code private_key_jwt}. Checks, in order: the form ({@link TokenRequest#parse}); the assertion's {@code sub}
 * read without trust (the assertion is parsed once, here, and verified as parsed), and {@code client_id} if sent
 * equal to it; the rate limit of that client id; the client's
 * registration (known, not PENDING); the assertion, verified with the client's one registered key whatever its
 * {@code kid} (a camera signs with kid = its own KeyID, which we never learn); not REVOKED; the scope. Then it
 * signs the access token and records the grant before answering: in one transaction, the single use of the
 * assertion's {@code jti} and the audit row, provided the client is still REGISTERED with that key
 * ({@link UsedAssertionIds#firstUseForGrant}); a replayed {@code jti} refuses the grant and the token is dropped.
 * A request refused for REVOKED or the scope after its assertion verified still uses up its {@code jti}.
 * Blocks (database): runs on the server's handler executor.
 */
final class TokenEndpoint {

    /** How many times a grant is decided when the registration changes under it (cached, then stored, then again). */
    static final int MAX_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthorizationServerSettings settings;
    private final RegisteredClients clients;
    private final UsedAssertionIds assertionIds;
    private final AccessTokenIssuer issuer;
    private final TokenBuckets buckets;
    private final TokenAudit audit;
    private final Clock clock;

    TokenEndpoint(AuthorizationServerSettings settings, RegisteredClients clients, UsedAssertionIds assertionIds,
            AccessTokenIssuer issuer, TokenBuckets buckets, TokenAudit audit, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.assertionIds = Objects.requireNonNull(assertionIds, "assertionIds");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    ApiResponse handle(ApiRequest request) {
        String remote = request.remoteAddress().getAddress().getHostAddress();
        String clientId = "-";
        try {
            TokenRequest token = TokenRequest.parse(request.header("content-type"), request.body(),
                    settings.maxFormBytes());
            CompactJws assertion = assertion(token);
            clientId = claimedClient(token, assertion);
            Optional<Duration> wait = buckets.take(clientId);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                LOG.info("token request of client {} from {} rate limited [correlation {}]", clientId, remote,
                        request.correlationId());
                audit.refused(clientId, new TokenRefusedException(TokenRefusal.RATE_LIMITED), remote);
                return error(TokenError.SLOW_DOWN).withHeader("retry-after", Long.toString(seconds));
            }
            AccessToken issued = grant(token, assertion, clientId, remote);
            LOG.debug("access token {} issued to client {} [correlation {}]", issued.claims().jwtId(), clientId,
                    request.correlationId());
            return success(issued);
        } catch (TokenRefusedException e) {
            LOG.info("token request of client {} from {} refused: {} [correlation {}]", clientId, remote,
                    e.getMessage(), request.correlationId());
            audit.refused(clientId, e, remote);
            return error(e.refusal().error());
        }
    }

    /** The client assertion parsed once, with the policy's limits: for the client id, then for the verification. */
    private CompactJws assertion(TokenRequest request) throws TokenRefusedException {
        try {
            return CompactJws.parse(request.assertion(), settings.assertionPolicy().maxAssertionBytes(),
                    settings.assertionPolicy().acceptedAlgorithms());
        } catch (TokenRejectedException e) {
            throw new TokenRefusedException(TokenRefusal.UNREADABLE_ASSERTION, e.reason().name());
        }
    }

    /** The assertion's {@code sub}, unverified: the client the request claims to be (cleaned for logs). */
    private String claimedClient(TokenRequest request, CompactJws assertion) throws TokenRefusedException {
        String subject;
        try {
            subject = assertion.claims().requiredString(JWTClaimNames.SUBJECT);
        } catch (TokenRejectedException e) {
            throw new TokenRefusedException(TokenRefusal.UNREADABLE_ASSERTION, e.reason().name());
        }
        if (request.clientId().isPresent() && !request.clientId().get().equals(subject)) {
            throw new TokenRefusedException(TokenRefusal.CLIENT_ID_MISMATCH);
        }
        if (!subject.equals(TokenAudit.clean(subject))) {
            throw new TokenRefusedException(TokenRefusal.UNKNOWN_CLIENT); // we never issue such ids
        }
        return subject;
    }

    /**
     * Decides on the registration kept in memory first; if the grant's transaction finds that it changed since, on
     * the stored one (at most {@link #MAX_ATTEMPTS} decisions in all).
     */
    private AccessToken grant(TokenRequest request, CompactJws assertion, String clientId, String remote)
            throws TokenRefusedException {
        for (int attempt = 1; ; attempt++) {
            Optional<RegisteredClients.Found> found = attempt == 1 ? clients.find(clientId) : clients.findStored(clientId);
            Optional<AccessToken> issued = grant(request, assertion, found, remote);
            if (issued.isPresent()) {
                return issued.get();
            }
            clients.forget(clientId);
            if (attempt == MAX_ATTEMPTS) {
                throw new TokenRefusedException(TokenRefusal.REGISTRATION_CHANGED);
            }
        }
    }

    /** The token, or empty if the client's registration is no longer {@code found} as the grant is recorded. */
    private Optional<AccessToken> grant(TokenRequest request, CompactJws assertion,
            Optional<RegisteredClients.Found> found, String remote) throws TokenRefusedException {
        OAuthClient client = found.orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_CLIENT)).client();
        ClientRegistration key = found.get().key()
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.CLIENT_PENDING));
        NotedUse use = new NotedUse();
        try {
            new ClientAssertionVerifier(settings.assertionPolicy(), use, clock).verify(assertion, key);
        } catch (TokenRejectedException e) {
            throw new TokenRefusedException(TokenRefusal.ASSERTION_REJECTED,
                    e.reason() + e.claim().map(claim -> " " + claim).orElse(""));
        }
        if (!client.isRegistered()) {
            useUp(use);
            throw new TokenRefusedException(TokenRefusal.CLIENT_REVOKED);
        }
        if (request.scope().isPresent()) {
            Set<String> asked = Set.copyOf(Arrays.asList(request.scope().get().split(" +")));
            if (!settings.grantableScopes().containsAll(asked) || asked.contains("")) {
                useUp(use);
                throw new TokenRefusedException(TokenRefusal.SCOPE_NOT_GRANTABLE);
            }
        }
        AccessToken token = issuer.issue(client.clientId(), request.scope());
        switch (assertionIds.firstUseForGrant(use.clientId, client.publicJwk().orElseThrow(), use.jti,
                use.expiresAt, audit.issued(token, remote))) {
            case FIRST:
                return Optional.of(token);
            case REPLAYED:
                throw replayed();
            case CLIENT_CHANGED:
            default:
                return Optional.empty();
        }
    }

    /** Records the use of a verified assertion that is refused all the same: it cannot be presented again. */
    private void useUp(NotedUse use) throws TokenRefusedException {
        if (!assertionIds.firstUse(use.clientId, use.jti, use.expiresAt)) {
            throw replayed();
        }
    }

    /** As {@link ClientAssertionVerifier} words a replay. */
    private static TokenRefusedException replayed() {
        return new TokenRefusedException(TokenRefusal.ASSERTION_REJECTED,
                RejectionReason.REPLAYED + " " + JWTClaimNames.JWT_ID);
    }

    /**
     * The replay check of one verification, deferred: {@link ClientAssertionVerifier} asks it last, once everything
     * else about the assertion passed; it notes the {@code jti} for the grant to record, with its audit row, in one
     * transaction.
     */
    private static final class NotedUse implements JtiReplayGuard {

        private String clientId;
        private String jti;
        private Instant expiresAt;

        @Override
        public boolean firstUse(String clientId, String jti, Instant expiresAt) {
            this.clientId = clientId;
            this.jti = jti;
            this.expiresAt = expiresAt;
            return true;
        }
    }

    /**
     * The RFC 6749 section 5.1 answer, written directly: the token is a compact JWS (base64url and dots) and the only
     * other string that varies, the scope, is quoted as JSON all the same.
     */
    private ApiResponse success(AccessToken token) {
        StringBuilder body = new StringBuilder(token.serialized().length() + 100)
                .append("{\"access_token\":\"").append(token.serialized())
                .append("\",\"token_type\":\"Bearer\",\"expires_in\":").append(issuer.lifetime().toSeconds());
        token.claims().scope().ifPresent(scope -> body.append(",\"scope\":\"")
                .append(JsonStringEncoder.getInstance().quoteAsString(scope)).append('"'));
        body.append('}');
        return ApiResponse.json(200, body.toString().getBytes(StandardCharsets.UTF_8)).withHeader("pragma", "no-cache");
    }

    /** The RFC 6749 section 5.2 answer: the code, nothing about the check that failed. */
    static ApiResponse error(TokenError error) {
        return ApiResponse.json(error.status(), write(Map.of("error", error.code()))).withHeader("pragma", "no-cache");
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a token response", e);
        }
    }
}
