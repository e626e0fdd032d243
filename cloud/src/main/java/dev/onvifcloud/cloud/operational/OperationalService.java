package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.provisioning.AddressRefusedException;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.ClientRefusal;
import dev.onvifcloud.cloud.storage.NewOcsCamera;
import dev.onvifcloud.cloud.storage.OAuthClient;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.cloud.storage.StorageConstraintException;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.WireFormatException;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.CertificationRequestRejectedException;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.RejectionReason;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenClaims;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Operational Cloud Service's cameras: added by share token, registered by {@code deviceSharingCompleted}
 * (Cloud Integration 25.12, 5.2), removed by their account.
 *
 * <p><b>Adding.</b> A share token is decoded, not trusted ({@link ShareToken#decodeUntrusted}): its
 * {@code onvif:xaddr} must be https and pass the outbound address policy (it is where we will send
 * {@code startDeviceSharing}), it must not have expired, and when trusted issuers are configured its issuer must
 * be one of them and its signature verify with that issuer's keys. Each accepted token gets, in one transaction,
 * a PENDING camera with the token's claims, a fresh client id and a PENDING client registration, and an audit
 * entry. Tokens are judged one by one: a refused one does not undo the others.
 *
 * <p><b>Completing.</b> The camera is found by the SHA-256 of the share token; the {@code devicePublicKey} must be
 * a PKCS#10 request whose signature verifies (proof of possession) with an accepted key; its key is registered for
 * the camera's client and the camera becomes REGISTERED. The same token and key again give the same answer.
 *
 * <p>Thread-safe; calls block on the database and on DNS.
 */
public final class OperationalService {

    public static final String AUDIT_ADDED = "ocs-camera.added";
    public static final String AUDIT_REFUSED = "ocs-camera.refused";
    public static final String AUDIT_REGISTERED = "ocs-camera.registered";
    public static final String AUDIT_COMPLETION_REFUSED = "ocs-camera.completion-refused";
    public static final String AUDIT_REMOVED = "ocs-camera.removed";

    private static final Logger LOG = LoggerFactory.getLogger(OperationalService.class);
    private static final Set<String> HTTPS = Set.of("https");
    private static final Set<OcsCameraState> REGISTRABLE =
            EnumSet.of(OcsCameraState.PENDING, OcsCameraState.SHARING_REQUESTED);
    private static final Set<OcsCameraState> REMOVABLE = EnumSet.complementOf(EnumSet.of(OcsCameraState.REMOVED));

    private final Storage storage;
    private final OperationalSettings settings;
    private final Json json;
    private final Map<String, ShareTokenVerifier> verifiers;
    private final SecureRandom random = new SecureRandom();
    private volatile Runnable afterAdding = () -> { };

    public OperationalService(Storage storage, OperationalSettings settings) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.json = new Json(JsonLimits.defaults());
        Map<String, ShareTokenVerifier> byIssuer = new HashMap<>();
        for (Map.Entry<String, PublicJwkSet> issuer : settings.trustedIssuers().entrySet()) {
            byIssuer.put(issuer.getKey(), new ShareTokenVerifier(issuer.getValue(),
                    ShareTokenPolicy.defaults().withExpectedIssuer(issuer.getKey())
                            .withMaxLifetime(ShareTokenPolicy.MAX_LIFETIME),
                    settings.clock()));
        }
        this.verifiers = Map.copyOf(byIssuer);
    }

    public OperationalSettings settings() {
        return settings;
    }

    public Json json() {
        return json;
    }

    /**
     * Adds one camera per share token, each judged and persisted on its own.
     *
     * @param actor who asks, for the audit log
     * @return one result per token, in request order
     */
    public List<AddedCamera> addCameras(UUID accountId, List<String> shareTokens, String actor) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(actor, "actor");
        List<AddedCamera> results = new ArrayList<>();
        for (int i = 0; i < shareTokens.size(); i++) {
            results.add(addCamera(i, accountId, Objects.requireNonNull(shareTokens.get(i), "shareToken"), actor));
        }
        if (results.stream().anyMatch(added -> added.camera().isPresent())) {
            try {
                afterAdding.run();
            } catch (RuntimeException e) { // the cameras are added; the requester's poll finds them anyway
                LOG.warn("after-adding hook failed", e);
            }
        }
        return results;
    }

    /**
     * Runs {@code hook} after each {@link #addCameras} call that added at least one camera, e.g.
     * {@link SharingRequester#wakeUp()}; replaces the previous hook.
     */
    public void afterAdding(Runnable hook) {
        this.afterAdding = Objects.requireNonNull(hook, "hook");
    }

    private AddedCamera addCamera(int index, UUID accountId, String serialized, String actor) {
        Outcome<ShareToken, AddRefusal> checked = check(serialized);
        Instant now = settings.clock().instant();
        if (checked.refusal().isPresent()) {
            return refused(index, accountId, checked.refusal().get(), actor, now, "");
        }
        ShareTokenClaims claims = checked.value().claims();
        String clientId = newClientId();
        NewOcsCamera camera = new NewOcsCamera(UUID.randomUUID(), accountId, clientId, serialized,
                sha256Hex(serialized), claims.issuer(), claims.jwtId(), claims.expiresAt(), claims.xaddr(),
                claims.serialNumber(), claims.model(), claims.manufacturer());
        try {
            OcsCamera added = storage.inTransaction(transaction -> {
                OcsCamera created = transaction.ocsCameras().add(camera, now);
                transaction.clients().createPending(clientId, now);
                transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_ADDED, created.id().toString(),
                        "client=" + clientId + " sn=" + claims.serialNumber() + " iss=" + claims.issuer()
                                + " jti=" + claims.jwtId() + " xaddr=" + claims.xaddr()));
                return created;
            });
            LOG.info("camera {} ({}) added with client {}", added.id(), claims.serialNumber(), clientId);
            return AddedCamera.added(index, added);
        } catch (StorageConstraintException e) {
            if (e.kind() != StorageConstraintException.Kind.UNIQUE) {
                throw e;
            }
            return refused(index, accountId, AddRefusal.DUPLICATE, actor, now, " jti=" + claims.jwtId());
        }
    }

    /** The token decoded and checked, or the reason to refuse it. */
    private Outcome<ShareToken, AddRefusal> check(String serialized) {
        ShareToken token;
        try {
            token = ShareToken.decodeUntrusted(serialized);
        } catch (TokenRejectedException e) {
            boolean xaddr = e.reason() == RejectionReason.INVALID_CLAIM
                    && e.claim().filter(ShareTokenClaims.XADDR::equals).isPresent();
            return Outcome.refused(xaddr ? AddRefusal.XADDR_NOT_HTTPS : AddRefusal.MALFORMED_TOKEN);
        }
        if (!token.claims().expiresAt().isAfter(settings.clock().instant())) {
            return Outcome.refused(AddRefusal.EXPIRED);
        }
        if (!verifiers.isEmpty()) {
            ShareTokenVerifier verifier = verifiers.get(token.claims().issuer());
            if (verifier == null) {
                return Outcome.refused(AddRefusal.UNTRUSTED_ISSUER);
            }
            try {
                token = verifier.verify(serialized);
            } catch (TokenRejectedException e) {
                return Outcome.refused(e.reason() == RejectionReason.EXPIRED
                        ? AddRefusal.EXPIRED : AddRefusal.SIGNATURE_NOT_VERIFIED);
            }
        }
        try {
            settings.addressPolicy().check(token.claims().xaddr(), HTTPS);
        } catch (AddressRefusedException e) {
            return Outcome.refused(AddRefusal.XADDR_REFUSED);
        }
        return Outcome.accepted(token);
    }

    private AddedCamera refused(int index, UUID accountId, AddRefusal refusal, String actor, Instant now,
            String detail) {
        storage.auditLog().append(new AuditEvent(now, actor, AUDIT_REFUSED, "account:" + accountId,
                "index=" + index + " reason=" + refusal + detail));
        return AddedCamera.refused(index, refusal);
    }

    /**
     * Registers the key of a {@code deviceSharingCompleted} body.
     *
     * @param actor who sent it, for the log and audit
     */
    public Outcome<OcsCamera, CompletionRefusal> deviceSharingCompleted(byte[] body, String actor) {
        Objects.requireNonNull(body, "body");
        Instant now = settings.clock().instant();
        DeviceSharingCompleted message;
        try {
            message = json.read(body, DeviceSharingCompleted.class);
        } catch (WireFormatException e) {
            return refuse(Optional.empty(), CompletionRefusal.MALFORMED_REQUEST, e.reason() + " at '"
                    + e.pointer() + "'", actor, now);
        }
        byte[] presented = sha256(message.shareToken());
        Optional<OcsCamera> found = storage.ocsCameras().findByShareTokenSha256(HexFormat.of().formatHex(presented))
                .filter(camera -> MessageDigest.isEqual(HexFormat.of().parseHex(camera.shareTokenSha256()), presented));
        if (found.isEmpty()) {
            return refuse(Optional.empty(), CompletionRefusal.UNKNOWN_SHARE_TOKEN, "", actor, now);
        }
        OcsCamera camera = found.get();
        if (!camera.state().isActive()) {
            return refuse(found, CompletionRefusal.CAMERA_NOT_ACTIVE, camera.state().name(), actor, now);
        }
        CertificationRequest request;
        try {
            request = CertificationRequest.parse(message.devicePublicKey().der());
        } catch (CertificationRequestRejectedException e) {
            boolean key = e.reason() == CertificationRequestRejectedException.Reason.WEAK_KEY
                    || e.reason() == CertificationRequestRejectedException.Reason.UNSUPPORTED_KEY;
            return refuse(found, key ? CompletionRefusal.KEY_NOT_ACCEPTED : CompletionRefusal.BAD_CERTIFICATION_REQUEST,
                    e.reason().name(), actor, now);
        }
        if (!settings.acceptedKeyFamilies().contains(request.keyType().family())) {
            return refuse(found, CompletionRefusal.KEY_NOT_ACCEPTED, request.keyType().name(), actor, now);
        }
        String jwk = request.jwk().toJSONString();
        Outcome<OcsCamera, CompletionRefusal> outcome = storage.inTransaction(transaction -> {
            Outcome<OAuthClient, ClientRefusal> registered =
                    transaction.clients().registerKey(camera.clientId(), jwk, now);
            if (registered.refusal().isPresent()) {
                return Outcome.refused(registered.refusal().get() == ClientRefusal.KEY_MISMATCH
                        ? CompletionRefusal.KEY_MISMATCH : CompletionRefusal.CAMERA_NOT_ACTIVE);
            }
            boolean moved = transaction.ocsCameras().transition(camera.id(), REGISTRABLE, OcsCameraState.REGISTERED,
                    Optional.empty(), now);
            OcsCamera current = transaction.ocsCameras().find(camera.id()).orElseThrow();
            if (!current.state().isActive()) {
                transaction.setRollbackOnly();
                return Outcome.refused(CompletionRefusal.CAMERA_NOT_ACTIVE);
            }
            transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_REGISTERED, camera.id().toString(),
                    "client=" + camera.clientId() + " key=" + request.keyType() + " thumbprint="
                            + request.thumbprint() + (moved ? "" : " (again)")));
            return Outcome.accepted(current);
        });
        if (outcome.refusal().isPresent()) {
            return refuse(found, outcome.refusal().get(), "client registration", actor, now);
        }
        LOG.info("camera {} ({}) registered its key for client {}", camera.id(), camera.serialNumber(),
                camera.clientId());
        return outcome;
    }

    private Outcome<OcsCamera, CompletionRefusal> refuse(Optional<OcsCamera> camera, CompletionRefusal refusal,
            String detail, String actor, Instant now) {
        String subject = camera.map(c -> c.id().toString()).orElse("deviceSharingCompleted");
        LOG.warn("deviceSharingCompleted from {} refused: {} {} (camera {})", actor, refusal, detail, subject);
        storage.auditLog().append(new AuditEvent(now, actor, AUDIT_COMPLETION_REFUSED, subject,
                "reason=" + refusal + (detail.isEmpty() ? "" : " " + detail)));
        return Outcome.refused(refusal);
    }

    /** The account's cameras, oldest first. */
    public List<OcsCamera> cameras(UUID accountId) {
        return storage.ocsCameras().listByAccount(accountId);
    }

    /** The account's camera with this id; another account's camera is not found. */
    public Optional<OcsCamera> camera(UUID accountId, UUID cameraId) {
        return storage.ocsCameras().find(cameraId).filter(camera -> camera.accountId().equals(accountId));
    }

    /**
     * Removes the account's camera: REMOVED, its client revoked (the authorization server then refuses its
     * tokens), in one transaction with the audit entry. Closing its live uplink is the caller's part.
     *
     * @return the camera as removed; empty when the account has no such camera
     */
    public Optional<OcsCamera> remove(UUID accountId, UUID cameraId, String actor) {
        Instant now = settings.clock().instant();
        return storage.inTransaction(transaction -> {
            Optional<OcsCamera> camera = transaction.ocsCameras().find(cameraId)
                    .filter(c -> c.accountId().equals(accountId));
            if (camera.isEmpty()) {
                return Optional.empty();
            }
            boolean moved = transaction.ocsCameras().transition(cameraId, REMOVABLE, OcsCameraState.REMOVED,
                    Optional.empty(), now);
            boolean revoked = transaction.clients().revoke(camera.get().clientId(), now);
            if (moved) {
                transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_REMOVED, cameraId.toString(),
                        "client=" + camera.get().clientId() + " was=" + camera.get().state()
                                + (revoked ? " client revoked" : "")));
            }
            return transaction.ocsCameras().find(cameraId);
        });
    }

    private String newClientId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "ocs-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
