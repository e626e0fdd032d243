package dev.onvifcloud.cloud.authorization;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimNames;
import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.storage.ClientStore;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.security.access.AccessToken;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.assertion.ClientAssertionVerifier;
import dev.onvifcloud.security.assertion.ClientRegistration;
import dev.onvifcloud.security.jose.CompactJws;
import dev.onvifcloud.security.jose.TokenRejectedException;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth2/token}: the {@code client_credentials} grant for clients that authenticate with
 * {@code private_key_jwt}. Checks, in order: the form ({@link TokenRequest#parse}); the assertion's {@code sub}
 * read without trust, and {@code client_id} if sent equal to it; the rate limit of that client id; the client's
 * registration (known, not PENDING); the assertion, verified with the client's one registered key whatever its
 * {@code kid} (a camera signs with kid = its own KeyID, which we never learn), single use of its {@code jti}
 * included; not REVOKED; the scope. Blocks (database): runs on the server's handler executor.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthorizationServerSettings settings;
    private final ClientStore clients;
    private final ClientAssertionVerifier assertions;
    private final AccessTokenIssuer issuer;
    private final TokenBuckets buckets;
    private final TokenAudit audit;

    TokenEndpoint(AuthorizationServerSettings settings, ClientStore clients, ClientAssertionVerifier assertions,
            AccessTokenIssuer issuer, TokenBuckets buckets, TokenAudit audit) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.assertions = Objects.requireNonNull(assertions, "assertions");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.buckets = Objects.requireNonNull(buckets, "buckets");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    ApiResponse handle(ApiRequest request) {
        String remote = request.remoteAddress().getAddress().getHostAddress();
        String clientId = "-";
        try {
            TokenRequest token = TokenRequest.parse(request.header("content-type"), request.body(),
                    settings.maxFormBytes());
            clientId = claimedClient(token);
            Optional<Duration> wait = buckets.take(clientId);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                LOG.info("token request of client {} from {} rate limited [correlation {}]", clientId, remote,
                        request.correlationId());
                audit.refused(clientId, new TokenRefusedException(TokenRefusal.RATE_LIMITED), remote);
                return error(TokenError.SLOW_DOWN).withHeader("retry-after", Long.toString(seconds));
            }
            AccessToken issued = grant(token, clientId);
            audit.issued(issued, remote);
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

    /** The assertion's {@code sub}, unverified: the client the request claims to be (cleaned for logs). */
    private String claimedClient(TokenRequest request) throws TokenRefusedException {
        String subject;
        try {
            subject = CompactJws.parse(request.assertion(), settings.assertionPolicy().maxAssertionBytes(),
                            settings.assertionPolicy().acceptedAlgorithms())
                    .claims().requiredString(JWTClaimNames.SUBJECT);
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

    private AccessToken grant(TokenRequest request, String clientId) throws TokenRefusedException {
        OAuthClient client = clients.find(clientId)
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.UNKNOWN_CLIENT));
        String publicJwk = client.publicJwk()
                .orElseThrow(() -> new TokenRefusedException(TokenRefusal.CLIENT_PENDING));
        ClientRegistration registration = registration(clientId, publicJwk);
        try {
            assertions.verify(request.assertion(), registration);
        } catch (TokenRejectedException e) {
            throw new TokenRefusedException(TokenRefusal.ASSERTION_REJECTED,
                    e.reason() + e.claim().map(claim -> " " + claim).orElse(""));
        }
        if (!client.isRegistered()) {
            throw new TokenRefusedException(TokenRefusal.CLIENT_REVOKED);
        }
        if (request.scope().isPresent()) {
            Set<String> asked = Set.of(request.scope().get().split(" +"));
            if (!settings.grantableScopes().containsAll(asked) || asked.contains("")) {
                throw new TokenRefusedException(TokenRefusal.SCOPE_NOT_GRANTABLE);
            }
        }
        return issuer.issue(clientId, request.scope());
    }

    /** The registered key, without its kid: the assertion's kid is not compared. */
    private static ClientRegistration registration(String clientId, String publicJwk) {
        try {
            ClientRegistration withKid = ClientRegistration.fromJwk(clientId, JWK.parse(publicJwk));
            return new ClientRegistration(clientId, withKid.publicKey(), Optional.empty());
        } catch (ParseException e) {
            throw new IllegalStateException("the stored key of client " + clientId + " is not a JWK", e);
        }
    }

    private ApiResponse success(AccessToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.serialized());
        body.put("token_type", "Bearer");
        body.put("expires_in", issuer.lifetime().toSeconds());
        token.claims().scope().ifPresent(scope -> body.put("scope", scope));
        return ApiResponse.json(200, write(body)).withHeader("pragma", "no-cache");
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
