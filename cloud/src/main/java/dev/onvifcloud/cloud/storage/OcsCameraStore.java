package dev.onvifcloud.cloud.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cameras of the Operational Cloud Service. PENDING cameras form the durable queue of the sharing requester:
 * claimed under a lease, each attempt recorded with the lease; a restarted process claims again what was not
 * acknowledged.
 */
public interface OcsCameraStore {

    /**
     * Adds a PENDING camera, due now, with no attempt made.
     *
     * @throws StorageConstraintException UNIQUE ({@code ocs_cameras_token_key}, {@code ocs_cameras_jti_key}) when
     *     the share token (or another with the same issuer and {@code jti}) was added before;
     *     FOREIGN_KEY when the account does not exist
     */
    OcsCamera add(NewOcsCamera camera, Instant now);

    Optional<OcsCamera> find(UUID id);

    Optional<OcsCamera> findByClientId(String clientId);

    /** The camera of a share token, by the SHA-256 (hex) of the token. */
    Optional<OcsCamera> findByShareTokenSha256(String sha256);

    /** An account's cameras, oldest first. */
    List<OcsCamera> listByAccount(UUID accountId);

    /**
     * Claims up to {@code limit} PENDING cameras whose next attempt is due, counting an attempt for each; oldest due
     * first. The cameras returned carry their lease.
     */
    List<OcsCamera> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit);

    /** PENDING -> SHARING_REQUESTED, forgetting the share token; false when the lease no longer holds it. */
    boolean sharingRequested(Lease lease, Instant now);

    /** PENDING -> FAILED with {@code reason}, forgetting the share token; false when the lease no longer holds it. */
    boolean sharingFailed(Lease lease, String reason, Instant now);

    /** Keeps it PENDING, due again at {@code nextAttemptAt}, with the error; false when the lease no longer holds it. */
    boolean retryLater(Lease lease, String error, Instant nextAttemptAt, Instant now);

    /**
     * Moves a camera from one of {@code from} to {@code to} (forgetting the share token, releasing any lease, setting
     * the time that goes with {@code to}, and {@code reason} for FAILED and IDENTITY_MISMATCH); false when it is in
     * none of {@code from}.
     */
    boolean transition(UUID id, Set<OcsCameraState> from, OcsCameraState to, Optional<String> reason, Instant now);

    /** Records when the camera was last seen connected. */
    void recordSeen(UUID id, Instant now);
}
