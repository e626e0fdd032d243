package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A client registration of the authorization server: one per shared camera.
 *
 * @param clientId the OAuth client id, also the {@code iss} and {@code sub} of its client assertions
 * @param state where the registration stands
 * @param publicJwk the registered public key as a JSON JWK (no private members); present unless PENDING
 *     (a client revoked while pending has none)
 * @param created when the registration was created
 * @param keyRegistered when the key was registered
 * @param revoked when the client was revoked
 */
public record OAuthClient(String clientId, OAuthClientState state, Optional<String> publicJwk, Instant created,
        Optional<Instant> keyRegistered, Optional<Instant> revoked) {

    public OAuthClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(publicJwk, "publicJwk");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(keyRegistered, "keyRegistered");
        Objects.requireNonNull(revoked, "revoked");
        if (publicJwk.isPresent() != keyRegistered.isPresent()) {
            throw new IllegalArgumentException("publicJwk and keyRegistered go together");
        }
        if ((state == OAuthClientState.REVOKED) != revoked.isPresent()) {
            throw new IllegalArgumentException("revoked is set exactly when the state is REVOKED");
        }
        if (state == OAuthClientState.REGISTERED && publicJwk.isEmpty()) {
            throw new IllegalArgumentException("a REGISTERED client has a key");
        }
        if (state == OAuthClientState.PENDING && publicJwk.isPresent()) {
            throw new IllegalArgumentException("a PENDING client has no key");
        }
    }

    /** Whether this client may obtain access tokens and keep its uplink. */
    public boolean isRegistered() {
        return state == OAuthClientState.REGISTERED;
    }
}
