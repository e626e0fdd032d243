package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.Optional;

/** The client registrations of the authorization server. */
public interface ClientStore {

    /**
     * Creates a PENDING registration.
     *
     * @throws StorageConstraintException UNIQUE ({@code oauth_clients_pk}) if the id exists
     */
    OAuthClient createPending(String clientId, Instant now);

    /**
     * PENDING -> REGISTERED with {@code publicJwk} (a JSON public JWK). The same key again is accepted
     * unchanged (idempotent); another key is refused with KEY_MISMATCH. Keys are compared by their RFC 7638
     * thumbprint, so member order and extra members (kid, use) do not matter.
     *
     * @throws IllegalArgumentException if {@code publicJwk} is not a public JWK
     */
    Outcome<OAuthClient, ClientRefusal> registerKey(String clientId, String publicJwk, Instant now);

    /** Revokes a client; false if it is unknown or already revoked. */
    boolean revoke(String clientId, Instant now);

    Optional<OAuthClient> find(String clientId);
}
