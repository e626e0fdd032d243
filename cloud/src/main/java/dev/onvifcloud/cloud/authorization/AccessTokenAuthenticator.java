package dev.onvifcloud.cloud.authorization;

import dev.onvifcloud.cloud.storage.ClientStore;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.OAuthClientState;
import dev.onvifcloud.security.access.AccessToken;
import dev.onvifcloud.security.access.AccessTokenVerifier;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.uplink.cloud.AuthenticationResult;
import dev.onvifcloud.uplink.cloud.AuthenticationResult.Rejection;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import dev.onvifcloud.uplink.cloud.UplinkCredentials;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits cameras to the uplink by the access tokens this authorization server issued: signature, issuer,
 * audience (our uplink URL) and expiry, then the client must still be REGISTERED. The identity is the client
 * id. Expired: EXPIRED_TOKEN; revoked client: FORBIDDEN; anything else: INVALID_TOKEN. All of it runs on the
 * executor it is given, never on the caller's (event loop) thread, as it queries the database.
 */
final class AccessTokenAuthenticator implements UplinkAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenAuthenticator.class);

    private final AccessTokenVerifier verifier;
    private final ClientStore clients;
    private final Executor executor;

    AccessTokenAuthenticator(AccessTokenVerifier verifier, ClientStore clients, Executor executor) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public CompletionStage<AuthenticationResult> authenticate(UplinkCredentials credentials) {
        Optional<String> token = credentials.accessToken();
        if (token.isEmpty()) {
            return CompletableFuture.completedFuture(AuthenticationResult.rejected(Rejection.MISSING_CREDENTIALS));
        }
        return CompletableFuture.supplyAsync(() -> authenticate(token.get()), executor);
    }

    private AuthenticationResult authenticate(String serialized) {
        AccessToken token;
        try {
            token = verifier.verify(serialized);
        } catch (TokenRejectedException e) {
            LOG.info("uplink access token rejected: {}", e.getMessage());
            return AuthenticationResult.rejected(
                    e.reason() == RejectionReason.EXPIRED ? Rejection.EXPIRED_TOKEN : Rejection.INVALID_TOKEN);
        }
        String clientId = token.claims().clientId();
        Optional<OAuthClient> client = clients.find(clientId);
        if (client.isPresent() && client.get().isRegistered()) {
            return AuthenticationResult.accepted(clientId);
        }
        if (client.isPresent() && client.get().state() == OAuthClientState.REVOKED) {
            LOG.info("uplink refused to revoked client {}", clientId);
            return AuthenticationResult.rejected(Rejection.FORBIDDEN);
        }
        LOG.warn("uplink access token of client {} that is {}", clientId,
                client.map(c -> c.state().toString()).orElse("unknown"));
        return AuthenticationResult.rejected(Rejection.INVALID_TOKEN);
    }
}
