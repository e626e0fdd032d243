package dev.onvifcloud.cloud.storage;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;

final class JdbcClientStore implements ClientStore {

    private static final String COLUMNS = "client_id, state, public_jwk, created_at, key_registered_at, revoked_at";

    private final Jdbc jdbc;

    JdbcClientStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuthClient createPending(String clientId, Instant now) {
        OAuthClient client = new OAuthClient(clientId, OAuthClientState.PENDING, Optional.empty(), Jdbc.stored(now),
                Optional.empty(), Optional.empty());
        return jdbc.transact(connection -> {
            Jdbc.update(connection,
                    "INSERT INTO oauth_clients (client_id, state, created_at) VALUES (?, ?, ?)",
                    clientId, OAuthClientState.PENDING, now);
            return client;
        });
    }

    @Override
    public Outcome<OAuthClient, ClientRefusal> registerKey(String clientId, String publicJwk, Instant now) {
        PublicKeyJwk key = PublicKeyJwk.parse(publicJwk);
        return jdbc.transact(connection -> {
            Optional<Stored> found = find(connection, clientId, true);
            if (found.isEmpty()) {
                return Outcome.refused(ClientRefusal.UNKNOWN_CLIENT);
            }
            Stored stored = found.get();
            switch (stored.client().state()) {
                case REVOKED:
                    return Outcome.refused(ClientRefusal.CLIENT_REVOKED);
                case REGISTERED:
                    return stored.thumbprint().equals(Optional.of(key.thumbprint()))
                            ? Outcome.accepted(stored.client())
                            : Outcome.refused(ClientRefusal.KEY_MISMATCH);
                case PENDING:
                default:
                    Jdbc.update(connection,
                            "UPDATE oauth_clients SET state = ?, public_jwk = ?, key_thumbprint = ?, "
                                    + "key_registered_at = ? WHERE client_id = ? AND state = ?",
                            OAuthClientState.REGISTERED, key.json(), key.thumbprint(), now, clientId,
                            OAuthClientState.PENDING);
                    return Outcome.accepted(find(connection, clientId, false).orElseThrow().client());
            }
        });
    }

    @Override
    public boolean revoke(String clientId, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE oauth_clients SET state = ?, revoked_at = ? WHERE client_id = ? AND state <> ?",
                OAuthClientState.REVOKED, now, clientId, OAuthClientState.REVOKED) == 1);
    }

    @Override
    public Optional<OAuthClient> find(String clientId) {
        return jdbc.transact(connection -> find(connection, clientId, false)).map(Stored::client);
    }

    private static Optional<Stored> find(Connection connection, String clientId, boolean forUpdate)
            throws SQLException {
        return Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + ", key_thumbprint FROM oauth_clients WHERE client_id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                row -> new Stored(client(row), Jdbc.optionalString(row, "key_thumbprint")), clientId);
    }

    private static OAuthClient client(ResultSet row) throws SQLException {
        return new OAuthClient(row.getString("client_id"), OAuthClientState.valueOf(row.getString("state")),
                Jdbc.optionalString(row, "public_jwk"), Jdbc.instant(row, "created_at"),
                Jdbc.optionalInstant(row, "key_registered_at"), Jdbc.optionalInstant(row, "revoked_at"));
    }

    private record Stored(OAuthClient client, Optional<String> thumbprint) {
    }

    /** A public JWK as stored: its JSON (normalised, public members only) and its RFC 7638 thumbprint. */
    private record PublicKeyJwk(String json, String thumbprint) {

        static PublicKeyJwk parse(String publicJwk) {
            try {
                JWK jwk = JWK.parse(publicJwk);
                if (jwk.isPrivate()) {
                    throw new IllegalArgumentException("publicJwk holds private key members");
                }
                return new PublicKeyJwk(jwk.toJSONString(), jwk.computeThumbprint().toString());
            } catch (ParseException | JOSEException e) {
                throw new IllegalArgumentException("publicJwk is not a JWK", e);
            }
        }
    }
}
