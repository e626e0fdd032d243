package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.cloud.storage.IssuedShareToken;
import dev.onvifcloud.cloud.storage.NewSharingOperation;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.RefusedShareToken;
import dev.onvifcloud.cloud.storage.ShareTokenRefusal;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingRequest;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.WireFormatException;
import dev.onvifcloud.security.jose.PublicJwkSet;
import dev.onvifcloud.security.jose.TokenRejectedException;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.security.token.ShareTokenClaims;
import dev.onvifcloud.security.token.ShareTokenPolicy;
import dev.onvifcloud.security.token.ShareTokenVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Provisioning Cloud Service's acceptance of {@code startDeviceSharing} (Cloud Integration 25.12, 5.1).
 *
 * <p><b>The whole request is validated before anything is done.</b> In document order, for each
 * {@code deviceConfiguration}: its share token (our signature and issuer, not expired, of an acceptable
 * lifetime: {@link ShareTokenVerifier}), our record of it (issued by us, not used, not revoked, not expired,
 * the issuing account still owns the camera) and its claims {@code onvif:sn}, {@code onvif:model},
 * {@code onvif:manufacturer} against the camera's record; then the configuration: every endpoint reference
 * https and every uplink remote address https or wss, both through the {@link OutboundAddressPolicy}; every
 * authorization server https; every trust anchor an X.509 certificate. The first problem refuses the request
 * ({@link SharingRejection}) and nothing is persisted. A valid request persists one sharing operation per
 * configuration and marks every token used, atomically ({@code SharingOperationStore.start}, which re-checks
 * the tokens under lock), with an audit entry per operation, in one transaction. No camera is touched here:
 * a worker picks the operations up.
 *
 * <p><b>Replay.</b> A request whose body is byte-for-byte identical (same SHA-256) to one accepted before, all
 * of whose tokens were used by the operations of that one earlier request, is accepted again without creating
 * anything ({@link SharingAcceptance#replayed()}): an OCS that lost the {@code 200} may retry safely. The
 * tokens must still verify (signature, expiry) and the configurations still pass. Any other use of a used
 * token (a different body, or tokens of several earlier requests mixed) is refused as
 * {@link SharingRefusal#SHARE_TOKEN_USED}. Two identical requests racing are resolved the same way: the loser
 * of the store's lock sees the winner's operations and answers as a replay.
 *
 * <p>Immutable and thread-safe; calls block on the database and on DNS.
 */
public final class ProvisioningService {

    private static final String AUDIT_STARTED = "sharing-operation.started";
    private static final String AUDIT_REPLAYED = "sharing-request.replayed";

    private final Storage storage;
    private final Json json;
    private final PublicJwkSet publicKeys;
    private final ShareTokenVerifier verifier;
    private final ConfigurationCheck configurationCheck;
    private final OutboundAddressPolicy addressPolicy;
    private final Clock clock;

    private ProvisioningService(Builder builder, ShareTokenPolicy tokenPolicy) {
        this.storage = builder.storage;
        this.json = builder.json;
        this.publicKeys = builder.publicKeys;
        this.verifier = new ShareTokenVerifier(builder.publicKeys, tokenPolicy, builder.clock);
        this.addressPolicy = builder.addressPolicy;
        this.configurationCheck = new ConfigurationCheck(builder.addressPolicy);
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Our public share-token keys, as published at {@code /.well-known/jwks.json}. */
    public PublicJwkSet publicKeys() {
        return publicKeys;
    }

    /** The codec requests are read with. */
    public Json json() {
        return json;
    }

    /** The policy endpoints and uplinks were checked with; the notifier checks and pins again with it. */
    public OutboundAddressPolicy addressPolicy() {
        return addressPolicy;
    }

    /**
     * Validates a {@code startDeviceSharing} body and, when it is valid, persists its operations.
     *
     * @param body the request body as received
     * @param actor who asks, for the audit log (e.g. {@code ocs@203.0.113.7}); 1 to 200 characters
     */
    public Outcome<SharingAcceptance, SharingRejection> startDeviceSharing(byte[] body, String actor) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(actor, "actor");
        String requestSha256 = sha256(body);
        StartDeviceSharing request;
        try {
            request = json.read(body, StartDeviceSharing.class);
        } catch (WireFormatException e) {
            return Outcome.refused(new SharingRejection(SharingRefusal.MALFORMED_REQUEST, Optional.empty(),
                    e.reason() + " at '" + e.pointer() + "'"));
        }
        Instant now = clock.instant();
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < request.deviceConfigurations().size(); i++) {
            Outcome<Checked, SharingRejection> one = check(i, request.deviceConfigurations().get(i), requestSha256, now);
            if (one.refusal().isPresent()) {
                return Outcome.refused(one.refusal().get());
            }
            checked.add(one.value());
        }
        if (checked.stream().anyMatch(c -> c.replayOf().isPresent())) {
            return replay(checked, actor, now);
        }
        return persist(checked, requestSha256, actor, now);
    }

    /** One configuration that passed every check. */
    private record Checked(int index, DeviceConfiguration configuration, ShareToken token, IssuedShareToken issued,
            Device device, Optional<SharingOperation> replayOf) {
    }

    private Outcome<Checked, SharingRejection> check(
            int index, DeviceConfiguration configuration, String requestSha256, Instant now) {
        ShareToken token;
        try {
            token = verifier.verify(configuration.shareToken());
        } catch (TokenRejectedException e) {
            return refused(SharingRefusal.SHARE_TOKEN_NOT_VERIFIED, index, e.reason());
        }
        String jti = token.claims().jwtId();
        Optional<IssuedShareToken> found = storage.shareTokens().find(jti);
        if (found.isEmpty()) {
            return refused(SharingRefusal.SHARE_TOKEN_UNKNOWN, index, "jti");
        }
        IssuedShareToken issued = found.get();
        Optional<Device> device = storage.devices().find(issued.deviceId());
        if (device.isEmpty()) {
            return refused(SharingRefusal.SHARE_TOKEN_UNKNOWN, index, "device");
        }
        if (!claimsMatch(token.claims(), device.get().information())) {
            return refused(SharingRefusal.CLAIMS_MISMATCH, index, "onvif claims");
        }
        Optional<SharingOperation> replayOf = Optional.empty();
        if (issued.isUsed()) {
            replayOf = storage.sharingOperations().findByShareToken(jti)
                    .filter(operation -> operation.requestSha256().equals(requestSha256));
            if (replayOf.isEmpty()) {
                return refused(SharingRefusal.SHARE_TOKEN_USED, index, "used by another request");
            }
        } else if (issued.isRevoked()) {
            return refused(SharingRefusal.SHARE_TOKEN_REVOKED, index, "revoked");
        } else if (issued.isExpiredAt(now)) {
            return refused(SharingRefusal.SHARE_TOKEN_EXPIRED, index, "expired");
        } else if (!ownedBy(device.get(), issued.issuedBy())) {
            return refused(SharingRefusal.ISSUER_NOT_OWNER, index, device.get().state());
        }
        ConfigurationCheck.CheckResult result = configurationCheck.check(index, configuration);
        if (result.rejection().isPresent()) {
            return Outcome.refused(result.rejection().get());
        }
        return Outcome.accepted(new Checked(index, configuration, token, issued, device.get(), replayOf));
    }

    private Outcome<SharingAcceptance, SharingRejection> persist(
            List<Checked> checked, String requestSha256, String actor, Instant now) {
        UUID requestId = UUID.randomUUID();
        List<NewSharingOperation> operations = checked.stream()
                .map(c -> new NewSharingOperation(UUID.randomUUID(), c.issued().jti(),
                        StoredDeviceConfiguration.encode(json, c.configuration())))
                .toList();
        SharingRequest request = new SharingRequest(requestId, requestSha256, operations);
        Outcome<List<SharingOperation>, RefusedShareToken> started = storage.inTransaction(transaction -> {
            Outcome<List<SharingOperation>, RefusedShareToken> outcome =
                    transaction.sharingOperations().start(request, now);
            outcome.accepted().ifPresent(created -> {
                for (int i = 0; i < created.size(); i++) {
                    SharingOperation operation = created.get(i);
                    transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_STARTED,
                            operation.id().toString(), "request=" + requestId + " device="
                                    + checked.get(i).device().serialNumber() + " mode=" + operation.mode()
                                    + " jti=" + operation.tokenJti() + " sha256=" + requestSha256));
                }
            });
            return outcome;
        });
        if (started.isAccepted()) {
            return Outcome.accepted(new SharingAcceptance(requestId, started.value(), false));
        }
        RefusedShareToken refused = started.refusal().orElseThrow();
        if (refused.reason() == ShareTokenRefusal.ALREADY_USED) {
            // An identical request may have won the race for the tokens: answer as its replay if so.
            List<Checked> again = new ArrayList<>();
            for (Checked c : checked) {
                again.add(new Checked(c.index(), c.configuration(), c.token(), c.issued(), c.device(),
                        storage.sharingOperations().findByShareToken(c.issued().jti())
                                .filter(operation -> operation.requestSha256().equals(requestSha256))));
            }
            if (again.stream().anyMatch(c -> c.replayOf().isPresent())) {
                return replay(again, actor, now);
            }
        }
        return Outcome.refused(SharingRejection.of(refusalOf(refused), refused.index(), refused.reason()));
    }

    /** Accepts a repeated request if it repeats exactly one earlier request; else the token is used. */
    private Outcome<SharingAcceptance, SharingRejection> replay(List<Checked> checked, String actor, Instant now) {
        Checked first = checked.stream().filter(c -> c.replayOf().isPresent()).findFirst().orElseThrow();
        UUID requestId = first.replayOf().orElseThrow().requestId();
        boolean allOfOneRequest = checked.stream()
                .allMatch(c -> c.replayOf().map(SharingOperation::requestId).filter(requestId::equals).isPresent());
        List<SharingOperation> earlier = storage.sharingOperations().findByRequest(requestId);
        if (!allOfOneRequest || earlier.size() != checked.size()) {
            return refused(SharingRefusal.SHARE_TOKEN_USED, first.index(), "partial replay");
        }
        Map<String, SharingOperation> byToken =
                earlier.stream().collect(Collectors.toMap(SharingOperation::tokenJti, Function.identity()));
        List<SharingOperation> inRequestOrder = checked.stream().map(c -> byToken.get(c.issued().jti())).toList();
        storage.auditLog().append(new AuditEvent(now, actor, AUDIT_REPLAYED, requestId.toString(),
                "identical startDeviceSharing accepted again; nothing created"));
        return Outcome.accepted(new SharingAcceptance(requestId, inRequestOrder, true));
    }

    private static boolean claimsMatch(ShareTokenClaims claims, DeviceInformation information) {
        return claims.serialNumber().equals(information.serialNumber())
                && claims.model().equals(information.model())
                && claims.manufacturer().equals(information.manufacturer());
    }

    private static boolean ownedBy(Device device, UUID account) {
        return device.state() == DeviceState.CLAIMED && device.owner().equals(Optional.of(account));
    }

    private static SharingRefusal refusalOf(RefusedShareToken refused) {
        switch (refused.reason()) {
            case UNKNOWN:
                return SharingRefusal.SHARE_TOKEN_UNKNOWN;
            case ALREADY_USED:
                return SharingRefusal.SHARE_TOKEN_USED;
            case REVOKED:
                return SharingRefusal.SHARE_TOKEN_REVOKED;
            case EXPIRED:
                return SharingRefusal.SHARE_TOKEN_EXPIRED;
            case ISSUER_NOT_OWNER:
                return SharingRefusal.ISSUER_NOT_OWNER;
            default:
                throw new IllegalStateException("unexpected refusal " + refused.reason());
        }
    }

    private static <T> Outcome<T, SharingRejection> refused(SharingRefusal reason, int index, Object detail) {
        return Outcome.refused(SharingRejection.of(reason, index, detail));
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Collaborators of the service. Required: {@link #storage}, {@link #publicKeys}, {@link #issuer}. Defaults:
     * {@link OutboundAddressPolicy#strict()}, {@link Clock#systemUTC()}, the codec with
     * {@link JsonLimits#defaults()}, {@link ShareTokenPolicy#defaults()} expecting {@link #issuer}.
     */
    public static final class Builder {

        private Storage storage;
        private PublicJwkSet publicKeys;
        private String issuer;
        private OutboundAddressPolicy addressPolicy = OutboundAddressPolicy.strict();
        private Clock clock = Clock.systemUTC();
        private Json json = new Json(JsonLimits.startDeviceSharing());
        private Optional<ShareTokenPolicy> tokenPolicy = Optional.empty();

        private Builder() {
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Our share-token signing keys' public parts (several during a key rollover); also published. */
        public Builder publicKeys(PublicJwkSet value) {
            this.publicKeys = Objects.requireNonNull(value, "publicKeys");
            return this;
        }

        /** The {@code iss} of the share tokens we issue. */
        public Builder issuer(String value) {
            this.issuer = Objects.requireNonNull(value, "issuer");
            return this;
        }

        public Builder addressPolicy(OutboundAddressPolicy value) {
            this.addressPolicy = Objects.requireNonNull(value, "addressPolicy");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder json(Json value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /** Overrides the token policy (e.g. a longer lifetime); its expected issuer must be {@link #issuer}. */
        public Builder tokenPolicy(ShareTokenPolicy value) {
            this.tokenPolicy = Optional.of(value);
            return this;
        }

        /** @throws IllegalStateException naming every missing or conflicting setting */
        public ProvisioningService build() {
            List<String> problems = new ArrayList<>();
            if (storage == null) {
                problems.add("storage is required");
            }
            if (publicKeys == null) {
                problems.add("publicKeys is required");
            } else if (publicKeys.keys().isEmpty()) {
                problems.add("publicKeys must hold at least one key");
            }
            if (issuer == null || issuer.isEmpty()) {
                problems.add("issuer is required");
            }
            if (tokenPolicy.isPresent() && issuer != null
                    && !tokenPolicy.get().expectedIssuer().equals(Optional.of(issuer))) {
                problems.add("tokenPolicy must expect the issuer " + issuer);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems));
            }
            return new ProvisioningService(this,
                    tokenPolicy.orElseGet(() -> ShareTokenPolicy.defaults().withExpectedIssuer(issuer)));
        }
    }
}
