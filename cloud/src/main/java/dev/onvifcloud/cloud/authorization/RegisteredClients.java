package dev.onvifcloud.cloud.authorization;

import com.nimbusds.jose.jwk.JWK;
import dev.onvifcloud.cloud.storage.ClientStore;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.UsedAssertionIds;
import dev.onvifcloud.security.assertion.ClientRegistration;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The client registrations the token endpoint verifies assertions with: the stored client and, once it has a key,
 * that key ready to verify with (without its {@code kid}: the assertion's is not compared). REGISTERED clients
 * are kept in memory, at most {@code capacity} of them (the least recently used is dropped first), so that a grant
 * neither reads the client's row nor parses its JWK nor converts its key for the signature check (a
 * {@link ClientRegistration} holds its key converted). A key change makes a new registration, with the new key
 * converted: the one kept is dropped ({@link #forget}) or replaced ({@link #findStored}).
 *
 * <p>What is kept is never trusted on its own: a grant is recorded only by
 * {@link UsedAssertionIds#firstUseForGrant}, whose one statement inserts the assertion's {@code jti} only if the
 * client is still REGISTERED with the very key the assertion was verified with, in the transaction that commits the
 * grant before its token is handed out. When it is not ({@code CLIENT_CHANGED}), the endpoint {@linkplain #forget
 * forgets} the client and decides again on the stored registration. A revocation or a key change committed before
 * that statement thus refuses the grant, whether this node or another node sharing the database committed it,
 * without an expiry, an invalidation message or a hook in the stores. Thread-safe.
 */
final class RegisteredClients {

    /** A stored client with, when it has a key, that key as a registration to verify assertions with. */
    record Found(OAuthClient client, Optional<ClientRegistration> key) {

        Found {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(key, "key");
        }
    }

    private final ClientStore clients;
    private final Map<String, Found> kept;

    RegisteredClients(ClientStore clients, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.clients = Objects.requireNonNull(clients, "clients");
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Found> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The client as kept in memory if it is, else as stored. */
    Optional<Found> find(String clientId) {
        synchronized (kept) {
            Found found = kept.get(clientId);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return findStored(clientId);
    }

    /** The client as stored now (kept in memory for the next grants if REGISTERED). */
    Optional<Found> findStored(String clientId) {
        Optional<OAuthClient> stored = clients.find(clientId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        OAuthClient client = stored.get();
        Found found = new Found(client, client.publicJwk().map(jwk -> key(clientId, jwk)));
        if (client.isRegistered()) {
            synchronized (kept) {
                kept.put(clientId, found);
            }
        }
        return Optional.of(found);
    }

    /** Drops what is kept of {@code clientId}: it turned out to be stale. */
    void forget(String clientId) {
        synchronized (kept) {
            kept.remove(clientId);
        }
    }

    private static ClientRegistration key(String clientId, String publicJwk) {
        try {
            return ClientRegistration.fromJwk(clientId, JWK.parse(publicJwk)).withKeyId(Optional.empty());
        } catch (ParseException e) {
            throw new IllegalStateException("the stored key of client " + clientId + " is not a JWK", e);
        }
    }
}
