package dev.onvifcloud.cloud.management;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.RequestBody;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.http.TokenBuckets;
import dev.onvifcloud.cloud.management.ManagementProblem.Refused;
import dev.onvifcloud.cloud.provisioning.StoredDeviceConfiguration;
import dev.onvifcloud.cloud.storage.ApiKey;
import dev.onvifcloud.cloud.storage.AuditEntry;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.AuditQuery;
import dev.onvifcloud.cloud.storage.ClaimRefusal;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.cloud.storage.IssuedShareToken;
import dev.onvifcloud.cloud.storage.NewShareToken;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.SharingMode;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.cloud.storage.UnsharingRefusal;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.WireFormatException;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The owner's management API, under {@value #BASE}, for accounts holding an API key
 * ({@code Authorization: Bearer <api key>}): claim cameras, list them, issue, list and revoke share tokens, see
 * and replay dead-lettered notifications, list a camera's shares and un-share one, read the audit log of what is
 * theirs. Another account's camera, token
 * or notification answers 404 as an unknown one would. Refusals are {@link ManagementProblem}s. Add
 * {@link #routes()} to the same {@code ApiServer} as the Cloud Integration routes.
 */
public final class ManagementApi {

    public static final String BASE = "/api/v1";
    public static final String CLAIM = BASE + "/devices/{serial}/claim";
    public static final String DEVICES = BASE + "/devices";
    public static final String DEVICE_SHARE_TOKENS = BASE + "/devices/{serial}/share-tokens";
    public static final String SHARE_TOKEN = BASE + "/share-tokens/{jti}";
    public static final String DEVICE_SHARES = BASE + "/devices/{serial}/shares";
    public static final String DEVICE_SHARE = BASE + "/devices/{serial}/shares/{operationId}";
    public static final String DEAD_LETTERS = BASE + "/notifications/dead-letters";
    public static final String REPLAY = BASE + "/notifications/{id}/replay";
    public static final String AUDIT = BASE + "/audit";

    /** At most this many dead letters are looked through for an account's, and audit entries answered. */
    public static final int MAX_LISTED = 1000;
    /** Accounts whose refused claims are counted at once, beyond which those with a full allowance are forgotten. */
    private static final int MAX_THROTTLED_ACCOUNTS = 100_000;


    private final Storage storage;
    private final ShareTokenIssuer issuer;
    private final ManagementSettings settings;
    private final Clock clock;
    private final ApiKeyAuthentication authentication;
    private final TokenBuckets refusedClaims;
    private final Json json = new Json(JsonLimits.defaults());

    /**
     * @param issuer signs the share tokens; its key must be in the set the {@code ProvisioningService} verifies with
     */
    public ManagementApi(Storage storage, ShareTokenIssuer issuer, ManagementSettings settings, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authentication = new ApiKeyAuthentication(storage);
        this.refusedClaims = new TokenBuckets(settings.refusedClaims(), MAX_THROTTLED_ACCOUNTS, clock);
    }

    public List<Route> routes() {
        return List.of(
                authentication.route("POST", CLAIM, RequestBody.JSON, this::claim),
                authentication.route("GET", DEVICES, RequestBody.NONE, this::devices),
                authentication.route("POST", DEVICE_SHARE_TOKENS, RequestBody.JSON, this::issueShareToken),
                authentication.route("GET", DEVICE_SHARE_TOKENS, RequestBody.NONE, this::shareTokens),
                authentication.route("DELETE", SHARE_TOKEN, RequestBody.NONE, this::revokeShareToken),
                authentication.route("GET", DEVICE_SHARES, RequestBody.NONE, this::shares),
                authentication.route("DELETE", DEVICE_SHARE, RequestBody.NONE, this::unshare),
                authentication.route("GET", DEAD_LETTERS, RequestBody.NONE, this::deadLetters),
                authentication.route("POST", REPLAY, RequestBody.NONE, this::replay),
                authentication.route("GET", AUDIT, RequestBody.NONE, this::audit));
    }

    // ------------------------------------------------------------------------------------------------ devices

    private ApiResponse claim(ApiRequest request, ApiKey key) throws Refused {
        String serial = segment(request, 4, "device");
        String claimCode = ManagementJson.read(request.body(), Set.of("claimCode")).requiredString("claimCode", 1, 256);
        String account = key.accountId().toString();
        Optional<Duration> wait = refusedClaims.waitFor(account);
        if (wait.isPresent()) { // not audited: a caller being throttled must not be able to fill the audit log
            throw new Refused(ManagementProblem.retryAfter(ManagementError.TOO_MANY_REFUSED_CLAIMS,
                    "Too many refused claims for this account lately; retry later", wait.get()));
        }
        Instant now = clock.instant();
        Outcome<Device, ClaimRefusal> outcome = storage.devices().claim(serial, claimCode, key.accountId(), now);
        if (!outcome.isAccepted() && outcome.refusal().get() != ClaimRefusal.ALREADY_CLAIMED) {
            refusedClaims.take(account);
        }
        audit(now, key, outcome.isAccepted() ? "device.claimed" : "device.claim-refused", serial,
                outcome.refusal().map(reason -> "reason=" + reason).orElse(""));
        if (outcome.isAccepted()) {
            return ApiResponse.json(200, ManagementJson.bytes(device(outcome.value())));
        }
        if (outcome.refusal().get() == ClaimRefusal.ALREADY_CLAIMED) {
            throw new Refused(ManagementProblem.of(ManagementError.ALREADY_CLAIMED, "The camera has an owner already"));
        }
        throw new Refused(ManagementProblem.atField(ManagementError.CLAIM_REFUSED, "/claimCode",
                "The serial number and claim code do not match a claimable camera"));
    }

    private ApiResponse devices(ApiRequest request, ApiKey key) {
        ObjectNode body = ManagementJson.object();
        ArrayNode devices = body.putArray("devices");
        storage.devices().findByOwner(key.accountId()).forEach(device -> devices.add(device(device)));
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    private static ObjectNode device(Device device) {
        ObjectNode node = ManagementJson.object()
                .put("serialNumber", device.serialNumber())
                .put("manufacturer", device.information().manufacturer())
                .put("model", device.information().model())
                .put("firmwareVersion", device.information().firmwareVersion())
                .put("state", device.state().name().toLowerCase(Locale.ROOT))
                .put("lastSeenAt", device.lastSeenAt().toString());
        device.claimedAt().ifPresent(at -> node.put("claimedAt", at.toString()));
        return node;
    }

    /** The account's camera by serial number, else 404 whether it is unknown or someone else's. */
    private Device owned(String serial, ApiKey key) throws Refused {
        return storage.devices().findBySerialNumber(serial)
                .filter(device -> device.owner().equals(Optional.of(key.accountId())))
                .orElseThrow(() -> new Refused(ManagementProblem.notFound("device")));
    }

    // ------------------------------------------------------------------------------------------- share tokens

    private ApiResponse issueShareToken(ApiRequest request, ApiKey key) throws Refused {
        Device device = owned(segment(request, 4, "device"), key);
        ManagementJson body = ManagementJson.read(request.body(), Set.of("mode", "lifetime"));
        String modeText = body.requiredString("mode", 1, 16);
        SharingMode mode = switch (modeText) {
            case "share" -> SharingMode.SHARE;
            case "transfer" -> SharingMode.TRANSFER;
            default -> throw new Refused(ManagementProblem.atField(ManagementError.INVALID_FIELD, "/mode",
                    "mode must be share or transfer"));
        };
        Duration lifetime = body.optionalInteger("lifetime", 1, settings.maxShareTokenLifetime().getSeconds())
                .map(Duration::ofSeconds)
                .orElse(settings.defaultShareTokenLifetime());
        if (device.state() != DeviceState.CLAIMED) {
            throw new Refused(ManagementProblem.of(ManagementError.DEVICE_NOT_CLAIMED,
                    "The camera was transferred: it can no longer be shared"));
        }
        ShareToken token = issuer.issue(settings.xaddr(), device.serialNumber(), device.information().model(),
                device.information().manufacturer(), lifetime);
        Instant now = clock.instant();
        IssuedShareToken issued = storage.inTransaction(transaction -> {
            IssuedShareToken recorded = transaction.shareTokens().record(new NewShareToken(token.claims().jwtId(),
                    device.id(), key.accountId(), mode, token.claims().issuedAt(), token.claims().expiresAt()));
            transaction.auditLog().append(new AuditEvent(now, actor(key), "share-token.issued",
                    device.serialNumber(), "jti=" + recorded.jti() + " mode=" + mode + " exp=" + recorded.expiresAt()));
            return recorded;
        });
        ObjectNode answer = shareToken(issued, now).put("shareToken", token.serialized());
        return ApiResponse.json(201, ManagementJson.bytes(answer));
    }

    private ApiResponse shareTokens(ApiRequest request, ApiKey key) throws Refused {
        Device device = owned(segment(request, 4, "device"), key);
        Instant now = clock.instant();
        ObjectNode body = ManagementJson.object();
        ArrayNode tokens = body.putArray("shareTokens");
        storage.shareTokens().findByDevice(device.id()).stream()
                .filter(token -> token.issuedBy().equals(key.accountId()))
                .forEach(token -> tokens.add(shareToken(token, now)));
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    /** Metadata only: the token text is shown once, when issued. */
    private static ObjectNode shareToken(IssuedShareToken token, Instant now) {
        String state = token.isUsed() ? "used" : token.isRevoked() ? "revoked" : token.isExpiredAt(now) ? "expired"
                : "active";
        ObjectNode node = ManagementJson.object()
                .put("jti", token.jti())
                .put("mode", token.mode().name().toLowerCase(Locale.ROOT))
                .put("state", state)
                .put("issuedAt", token.issuedAt().toString())
                .put("expiresAt", token.expiresAt().toString());
        token.usedAt().ifPresent(at -> node.put("usedAt", at.toString()));
        token.revokedAt().ifPresent(at -> node.put("revokedAt", at.toString()));
        return node;
    }

    private ApiResponse revokeShareToken(ApiRequest request, ApiKey key) throws Refused {
        String jti = segment(request, 4, "share token");
        storage.shareTokens().find(jti)
                .filter(token -> token.issuedBy().equals(key.accountId()))
                .orElseThrow(() -> new Refused(ManagementProblem.notFound("share token")));
        Instant now = clock.instant();
        if (!storage.shareTokens().revoke(jti, now)) {
            throw new Refused(ManagementProblem.of(ManagementError.SHARE_TOKEN_NOT_REVOCABLE,
                    "The share token was used or revoked already"));
        }
        audit(now, key, "share-token.revoked", jti, "");
        return ApiResponse.empty(204);
    }

    // ------------------------------------------------------------------------------------------------ shares

    /** The camera's sharing operations: with whom (the OCS's addresses), in which mode, where each stands. */
    private ApiResponse shares(ApiRequest request, ApiKey key) throws Refused {
        Device device = owned(segment(request, 4, "device"), key);
        ObjectNode body = ManagementJson.object();
        ArrayNode shares = body.putArray("shares");
        for (SharingOperation operation : storage.sharingOperations().findByDevice(device.id())) {
            ObjectNode node = shares.addObject()
                    .put("id", operation.id().toString())
                    .put("mode", operation.mode().name().toLowerCase(Locale.ROOT))
                    .put("state", operation.state().name().toLowerCase(Locale.ROOT))
                    .put("createdAt", operation.createdAt().toString())
                    .put("updatedAt", operation.updatedAt().toString());
            operation.failureReason().ifPresent(reason -> node.put("reason", reason));
            storage.notifications().findByOperation(operation.id()).ifPresent(notification ->
                    node.put("notification", notification.state().name().toLowerCase(Locale.ROOT)));
            try {
                DeviceConfiguration configuration =
                        StoredDeviceConfiguration.decode(json, operation.deviceConfiguration());
                ArrayNode endpoints = node.putArray("endpointReferences");
                configuration.endpointReferences().forEach(uri -> endpoints.add(uri.toString()));
                ArrayNode uplinks = node.putArray("uplinks");
                configuration.uplinkConfigurations().forEach(uplink -> uplinks.addObject()
                        .put("remoteAddress", uplink.remoteAddress().toString())
                        .put("userLevel", uplink.userLevel().wireName()));
                ArrayNode servers = node.putArray("authorizationServers");
                configuration.authorizationServerConfigurations().forEach(server -> servers.addObject()
                        .put("serverUri", server.serverUri().toString())
                        .put("clientId", server.clientId()));
            } catch (WireFormatException | IllegalArgumentException e) {
                node.put("configuration", "unreadable");
            }
        }
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    /**
     * Un-shares: a durable job for the sharing worker, which removes from the camera what the operation created
     * (uplink, authorization server configuration, key, policies, the trust anchors no other share uses). 202.
     */
    private ApiResponse unshare(ApiRequest request, ApiKey key) throws Refused {
        Device device = owned(segment(request, 4, "device"), key);
        UUID operationId = uuid(segment(request, 6, "share"))
                .filter(id -> storage.sharingOperations().find(id)
                        .filter(operation -> operation.deviceId().equals(device.id())).isPresent())
                .orElseThrow(() -> new Refused(ManagementProblem.notFound("share")));
        Instant now = clock.instant();
        Outcome<SharingOperation, UnsharingRefusal> outcome = storage.sharingOperations().unshare(operationId, now);
        audit(now, key, outcome.isAccepted() ? "share.unshare-requested" : "share.unshare-refused",
                operationId.toString(), "device=" + device.serialNumber()
                        + outcome.refusal().map(reason -> " reason=" + reason).orElse(""));
        if (outcome.refusal().filter(UnsharingRefusal.UNKNOWN::equals).isPresent()) {
            throw new Refused(ManagementProblem.notFound("share"));
        }
        if (!outcome.isAccepted()) {
            throw new Refused(ManagementProblem.of(ManagementError.SHARE_NOT_REMOVABLE, switch (outcome.refusal().get()) {
                case NOT_COMPLETED -> "The share is not completed: there is nothing to un-share yet";
                case ALREADY_UNSHARED -> "The share is un-shared already";
                case TRANSFER -> "A transfer cannot be un-shared";
                default -> "The camera is transferred or being transferred";
            }));
        }
        ObjectNode body = ManagementJson.object()
                .put("id", operationId.toString())
                .put("state", outcome.value().state().name().toLowerCase(Locale.ROOT));
        return ApiResponse.json(202, ManagementJson.bytes(body));
    }

    // ---------------------------------------------------------------------------------------- notifications

    private ApiResponse deadLetters(ApiRequest request, ApiKey key) {
        ObjectNode body = ManagementJson.object();
        ArrayNode letters = body.putArray("deadLetters");
        for (Notification notification : storage.notifications().deadLetters(MAX_LISTED)) {
            ownedDevice(notification.operationId(), key).ifPresent(device -> {
                ObjectNode node = letters.addObject()
                        .put("id", notification.id().toString())
                        .put("operationId", notification.operationId().toString())
                        .put("serialNumber", device.serialNumber())
                        .put("attempts", notification.attempts())
                        .put("deadline", notification.deadline().toString())
                        .put("createdAt", notification.createdAt().toString());
                ArrayNode endpoints = node.putArray("endpoints");
                notification.endpoints().forEach(endpoint -> endpoints.add(endpoint.toString()));
                notification.lastError().ifPresent(error -> node.put("lastError", error));
            });
        }
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    private ApiResponse replay(ApiRequest request, ApiKey key) throws Refused {
        Notification notification = uuid(segment(request, 4, "notification"))
                .flatMap(id -> storage.notifications().find(id))
                .filter(found -> ownedDevice(found.operationId(), key).isPresent())
                .orElseThrow(() -> new Refused(ManagementProblem.notFound("notification")));
        Instant now = clock.instant();
        if (notification.state() != NotificationState.DEAD
                || !storage.notifications().replay(notification.id(), settings.replaySchedule(), now)) {
            throw new Refused(ManagementProblem.of(ManagementError.NOT_A_DEAD_LETTER,
                    "Only a dead letter can be replayed"));
        }
        audit(now, key, "notification.replayed", notification.id().toString(),
                "operation=" + notification.operationId());
        ObjectNode body = ManagementJson.object()
                .put("id", notification.id().toString())
                .put("state", NotificationState.PENDING.name().toLowerCase(Locale.ROOT));
        return ApiResponse.json(202, ManagementJson.bytes(body));
    }

    /** The account's camera that a sharing operation configures. */
    private Optional<Device> ownedDevice(UUID operationId, ApiKey key) {
        return storage.sharingOperations().find(operationId)
                .map(SharingOperation::deviceId)
                .flatMap(deviceId -> storage.devices().find(deviceId))
                .filter(device -> device.owner().equals(Optional.of(key.accountId())));
    }

    // ------------------------------------------------------------------------------------------------- audit

    private ApiResponse audit(ApiRequest request, ApiKey key) throws Refused {
        String subject = request.queryParameter("subject").orElseThrow(() -> new Refused(
                ManagementProblem.atParameter(ManagementError.MISSING_FIELD, "subject", "subject is required")));
        if (subject.isBlank() || subject.length() > 200) {
            throw new Refused(ManagementProblem.atParameter(ManagementError.INVALID_FIELD, "subject",
                    "subject must be 1 to 200 characters, not blank"));
        }
        long after = longParameter(request, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) longParameter(request, "limit", 1, MAX_LISTED, 100);
        if (!ownsSubject(subject, key)) {
            throw new Refused(ManagementProblem.notFound("subject"));
        }
        ObjectNode body = ManagementJson.object();
        ArrayNode entries = body.putArray("entries");
        for (AuditEntry entry : storage.auditLog().find(new AuditQuery(Optional.empty(), Optional.of(subject), after,
                limit))) {
            entries.addObject()
                    .put("sequence", entry.sequence())
                    .put("at", entry.event().at().toString())
                    .put("actor", entry.event().actor())
                    .put("action", entry.event().action())
                    .put("subject", entry.event().subject())
                    .put("detail", entry.event().detail());
        }
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    /** Whether the subject is the account's: a camera's serial number, a share token it issued, or a notification or sharing operation of its camera. */
    private boolean ownsSubject(String subject, ApiKey key) {
        if (storage.devices().findBySerialNumber(subject)
                .filter(device -> device.owner().equals(Optional.of(key.accountId()))).isPresent()) {
            return true;
        }
        if (storage.shareTokens().find(subject).filter(token -> token.issuedBy().equals(key.accountId())).isPresent()) {
            return true;
        }
        Optional<UUID> id = uuid(subject);
        if (id.isEmpty()) {
            return false;
        }
        Optional<UUID> operation = storage.notifications().find(id.get()).map(Notification::operationId)
                .or(() -> id);
        return ownedDevice(operation.get(), key).isPresent();
    }

    private static long longParameter(ApiRequest request, String name, long min, long max, long absent)
            throws Refused {
        Optional<String> text = request.queryParameter(name);
        if (text.isEmpty()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refused(ManagementProblem.atParameter(ManagementError.INVALID_FIELD, name,
                name + " must be an integer, " + min + " to " + max));
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** The path segment at {@code index} ({@code /api/v1/devices/{serial}}: 4), else 404. */
    private static String segment(ApiRequest request, int index, String what) throws Refused {
        String[] segments = request.path().split("/", -1);
        if (segments.length <= index || segments[index].isBlank() || segments[index].length() > 128) {
            throw new Refused(ManagementProblem.notFound(what));
        }
        return segments[index];
    }

    private static Optional<UUID> uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equals(text.toLowerCase(Locale.ROOT)) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void audit(Instant now, ApiKey key, String action, String subject, String detail) {
        storage.auditLog().append(new AuditEvent(now, actor(key), action, subject, detail));
    }

    private static String actor(ApiKey key) {
        return ApiKeyAuthentication.actor(key);
    }
}
