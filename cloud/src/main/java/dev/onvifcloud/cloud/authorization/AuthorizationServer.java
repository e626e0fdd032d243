package dev.onvifcloud.cloud.authorization;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.RequestBody;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.http.TokenBuckets;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.cloud.storage.UsedAssertionIds;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.access.AccessTokenPolicy;
import dev.onvifcloud.security.access.AccessTokenVerifier;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Operational Cloud's authorization server. Add {@link #routes()} to the node's {@code ApiServer}:
 * <ul>
 *   <li>{@code GET /.well-known/oauth-authorization-server} and {@code GET /.well-known/openid-configuration}:
 *       the RFC 8414 metadata;</li>
 *   <li>{@code GET /oauth2/jwks.json}: the access-token keys;</li>
 *   <li>{@code POST /oauth2/token}: the token endpoint ({@link TokenEndpoint}).</li>
 * </ul>
 * Give {@link #uplinkAuthenticator()} to the uplink acceptor. Client registrations come from
 * {@link Storage#clients()}; the storage must be a {@link Database}, as each grant is recorded in one transaction
 * (the assertion's {@code jti} in {@code used_assertion_ids} and the audit row) by {@link UsedAssertionIds}.
 */
public final class AuthorizationServer {

    /** How many REGISTERED clients' keys the token endpoint keeps parsed in memory ({@link RegisteredClients}). */
    static final int KEPT_CLIENTS = 10_000;

    private final AuthorizationServerSettings settings;
    private final AccessTokenIssuer issuer;
    private final TokenEndpoint tokenEndpoint;
    private final UplinkAuthenticator uplinkAuthenticator;
    private final byte[] metadata;

    private AuthorizationServer(Builder builder, Database database) {
        this.settings = builder.settings;
        this.issuer = new AccessTokenIssuer(builder.signingKey, settings.issuer().toString(),
                settings.uplinkAudience().toString(), settings.accessTokenLifetime(), builder.clock);
        this.tokenEndpoint = new TokenEndpoint(settings,
                new RegisteredClients(database.clients(), KEPT_CLIENTS),
                UsedAssertionIds.in(database, builder.clock), issuer,
                new TokenBuckets(settings.rateLimit(), 100_000, builder.clock),
                new TokenAudit(database.auditLog(), settings.refusalAuditInterval(), builder.clock), builder.clock);
        AccessTokenVerifier verifier = new AccessTokenVerifier(issuer.publicJwkSet(),
                AccessTokenPolicy.defaults(settings.issuer().toString(), settings.uplinkAudience().toString()),
                builder.clock);
        this.uplinkAuthenticator = new AccessTokenAuthenticator(verifier, builder.storage.clients(),
                builder.lookupExecutor);
        this.metadata = ServerMetadata.json(settings);
    }

    public static Builder builder(AuthorizationServerSettings settings) {
        return new Builder(settings);
    }

    /** The metadata, JWKS and token routes. */
    public List<Route> routes() {
        ApiResponse metadataResponse = ApiResponse.json(200, metadata);
        ApiResponse jwks = ApiResponse.text(200, "application/jwk-set+json", issuer.publicJwkSet().toJson());
        return List.of(
                Route.get(ServerMetadata.OAUTH_PATH, request -> CompletableFuture.completedFuture(metadataResponse)),
                Route.get(ServerMetadata.OPENID_PATH, request -> CompletableFuture.completedFuture(metadataResponse)),
                Route.get(AuthorizationServerSettings.JWKS_PATH, request -> CompletableFuture.completedFuture(jwks)),
                new Route("POST", AuthorizationServerSettings.TOKEN_PATH, RequestBody.NONE,
                        request -> CompletableFuture.completedFuture(tokenEndpoint.handle(request))));
    }

    /** Admits uplinks with our access tokens of clients still REGISTERED; identity = the client id. */
    public UplinkAuthenticator uplinkAuthenticator() {
        return uplinkAuthenticator;
    }

    /** The access-token keys, as published at {@link AuthorizationServerSettings#JWKS_PATH}. */
    public PublicJwkSet publicKeys() {
        return issuer.publicJwkSet();
    }

    public AuthorizationServerSettings settings() {
        return settings;
    }

    /** Collects the collaborators; {@link #build()} checks them. */
    public static final class Builder {

        private final AuthorizationServerSettings settings;
        private ECKey signingKey;
        private Storage storage;
        private Clock clock = Clock.systemUTC();
        private Executor lookupExecutor;

        private Builder(AuthorizationServerSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The ES256 (P-256) private key, with a kid, that signs the access tokens. */
        public Builder signingKey(ECKey value) {
            signingKey = Objects.requireNonNull(value, "signingKey");
            return this;
        }

        /** The client registrations, the used assertion ids and the audit log: a {@link Database}. */
        public Builder storage(Storage value) {
            storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Where the uplink authenticator verifies tokens and looks clients up (not an event loop). */
        public Builder lookupExecutor(Executor value) {
            lookupExecutor = Objects.requireNonNull(value, "lookupExecutor");
            return this;
        }

        /** @throws IllegalStateException naming every missing collaborator; IllegalArgumentException for a bad key */
        public AuthorizationServer build() {
            List<String> missing = new ArrayList<>();
            if (signingKey == null) {
                missing.add("signingKey");
            }
            if (!(storage instanceof Database)) {
                missing.add("storage (a Database: a grant, its assertion id and its audit row are one transaction)");
            }
            if (lookupExecutor == null) {
                missing.add("lookupExecutor");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the authorization server needs: " + String.join(", ", missing));
            }
            return new AuthorizationServer(this, (Database) storage);
        }
    }
}
