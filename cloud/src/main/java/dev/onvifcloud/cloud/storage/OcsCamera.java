package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A camera of the Operational Cloud Service, added by share token.
 *
 * @param clientId its OAuth client id, also its uplink identity
 * @param shareToken the share token, present only while {@code startDeviceSharing} must still be sent
 * @param shareTokenSha256 SHA-256 of the share token, hex: how {@code deviceSharingCompleted} finds it
 * @param issuer the token's {@code iss}, the PCS
 * @param xaddr the token's {@code onvif:xaddr}, the PCS's base URI
 * @param reason why it FAILED or is an IDENTITY_MISMATCH
 * @param attempts {@code startDeviceSharing} attempts made
 * @param nextAttemptAt when the next attempt is due (PENDING only)
 * @param lease the sharing requester's lease, while one holds it
 * @param lastError the last failed attempt, for people
 */
public record OcsCamera(
        UUID id,
        UUID accountId,
        String clientId,
        OcsCameraState state,
        Optional<String> shareToken,
        String shareTokenSha256,
        String issuer,
        String jwtId,
        Instant tokenExpiresAt,
        URI xaddr,
        String serialNumber,
        String model,
        String manufacturer,
        Optional<String> reason,
        int attempts,
        Instant nextAttemptAt,
        Optional<Lease> lease,
        Optional<String> lastError,
        Instant created,
        Instant updated,
        Optional<Instant> sharingRequested,
        Optional<Instant> registered,
        Optional<Instant> verified,
        Optional<Instant> lastSeen,
        Optional<Instant> removed) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public OcsCamera {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(shareToken, "shareToken");
        requireSha256(shareTokenSha256);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwtId, "jwtId");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
        Objects.requireNonNull(xaddr, "xaddr");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(sharingRequested, "sharingRequested");
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(verified, "verified");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(removed, "removed");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
        if (shareToken.isPresent() && state != OcsCameraState.PENDING) {
            throw new IllegalArgumentException("only a PENDING camera keeps its share token");
        }
    }

    static void requireText(String value, String name, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters");
        }
    }

    static void requireSha256(String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("shareTokenSha256 must be 64 lower-case hex digits");
        }
    }

    /** Leaves the share token out: it is a bearer credential. */
    @Override
    public String toString() {
        return "OcsCamera[id=" + id + ", clientId=" + clientId + ", state=" + state + ", sn=" + serialNumber
                + ", xaddr=" + xaddr + reason.map(r -> ", reason=" + r).orElse("") + "]";
    }
}
