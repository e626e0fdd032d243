package dev.onvifcloud.cloud.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Share tokens issued by this Provisioning Cloud Service: each used at most once. */
public interface ShareTokenStore {

    /**
     * Records a token being issued.
     *
     * @throws StorageConstraintException UNIQUE ({@code share_tokens_pk}) for a {@code jti} already recorded,
     *     FOREIGN_KEY for an unknown device or account
     */
    IssuedShareToken record(NewShareToken token);

    Optional<IssuedShareToken> find(String jti);

    List<IssuedShareToken> findByDevice(UUID deviceId);

    /**
     * Marks the token used by {@code operationId}, atomically: of concurrent calls for one token at most one
     * is accepted. Refused when the token is unknown, used, revoked, expired at {@code now}, or its issuer no
     * longer owns the camera (checked in this order).
     */
    Outcome<IssuedShareToken, ShareTokenRefusal> markUsed(String jti, UUID operationId, Instant now);

    /** Revokes an unused token; false when it is unknown, used or already revoked. */
    boolean revoke(String jti, Instant now);
}
