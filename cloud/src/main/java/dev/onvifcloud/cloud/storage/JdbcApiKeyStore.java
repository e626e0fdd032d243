package dev.onvifcloud.cloud.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "key_id, account_id, label, created_at, revoked_at";

    private final Jdbc jdbc;
    private final SecureRandom random;

    JdbcApiKeyStore(Jdbc jdbc, SecureRandom random) {
        this.jdbc = jdbc;
        this.random = random;
    }

    @Override
    public IssuedApiKey issue(UUID accountId, String label, Instant now) {
        PresentedApiKey key = PresentedApiKey.generate(random);
        ApiKey apiKey = new ApiKey(key.keyId(), accountId, label, Jdbc.stored(now), Optional.empty());
        return jdbc.transact(connection -> {
            Jdbc.update(connection,
                    "INSERT INTO api_keys (key_id, account_id, secret_sha256, label, created_at) VALUES (?, ?, ?, ?, ?)",
                    apiKey.keyId(), accountId, key.sha256(), label, apiKey.createdAt());
            return new IssuedApiKey(apiKey, key.text());
        });
    }

    @Override
    public Outcome<ApiKey, ApiKeyRefusal> authenticate(String presentedKey) {
        Optional<PresentedApiKey> parsed = PresentedApiKey.parse(presentedKey);
        if (parsed.isEmpty()) {
            return Outcome.refused(ApiKeyRefusal.MALFORMED);
        }
        PresentedApiKey key = parsed.get();
        Optional<Stored> stored = jdbc.transact(connection -> Jdbc.queryOne(connection,
                "SELECT " + COLUMNS + ", secret_sha256 FROM api_keys WHERE key_id = ?",
                row -> new Stored(apiKey(row), row.getString("secret_sha256")), key.keyId()));
        if (stored.isEmpty()) {
            return Outcome.refused(ApiKeyRefusal.UNKNOWN_KEY);
        }
        boolean matches = MessageDigest.isEqual(
                stored.get().sha256().getBytes(StandardCharsets.US_ASCII),
                key.sha256().getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            return Outcome.refused(ApiKeyRefusal.WRONG_SECRET);
        }
        if (stored.get().apiKey().isRevoked()) {
            return Outcome.refused(ApiKeyRefusal.REVOKED);
        }
        return Outcome.accepted(stored.get().apiKey());
    }

    @Override
    public boolean revoke(String keyId, Instant now) {
        return jdbc.transact(connection -> Jdbc.update(connection,
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL", now, keyId) == 1);
    }

    @Override
    public List<ApiKey> findByAccount(UUID accountId) {
        return jdbc.transact(connection -> Jdbc.query(connection,
                "SELECT " + COLUMNS + " FROM api_keys WHERE account_id = ? ORDER BY created_at, key_id",
                JdbcApiKeyStore::apiKey, accountId));
    }

    private static ApiKey apiKey(ResultSet row) throws SQLException {
        return new ApiKey(row.getString("key_id"), Jdbc.uuid(row, "account_id"), row.getString("label"),
                Jdbc.instant(row, "created_at"), Jdbc.optionalInstant(row, "revoked_at"));
    }

    private record Stored(ApiKey apiKey, String sha256) {
    }
}
