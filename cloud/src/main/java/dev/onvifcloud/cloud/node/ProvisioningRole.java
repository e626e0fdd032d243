package dev.onvifcloud.cloud.node;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.management.ManagementApi;
import dev.onvifcloud.cloud.management.ManagementSettings;
import dev.onvifcloud.cloud.notification.DeviceSharingCompletedNotifier;
import dev.onvifcloud.cloud.notification.NotifierSettings;
import dev.onvifcloud.cloud.operational.OperationalSettings;
import dev.onvifcloud.cloud.provisioning.ProvisioningApi;
import dev.onvifcloud.cloud.provisioning.ProvisioningService;
import dev.onvifcloud.cloud.provisioning.worker.OwnAccess;
import dev.onvifcloud.cloud.provisioning.worker.SharingWorker;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.security.pki.BirthCertificate;
import dev.onvifcloud.security.token.ShareTokenIssuer;
import dev.onvifcloud.uplink.cloud.CameraIdentity;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The provisioning role (a Manufacturer Cloud Service, or any Provisioning Cloud Service): cameras' factory uplinks
 * (mTLS with a birth certificate from a manufacturer CA, named by its serial number) into the
 * {@link DeviceRegistry}; the owner's management API (claims, share tokens signed with the node's
 * {@value NodeKeys#SHARE_TOKEN} key); {@code POST /startDeviceSharing}, the OpenAPI document and the share-token JWKS;
 * the {@link SharingWorker} that configures the cameras and the notifier that delivers {@code deviceSharingCompleted}.
 * With {@link FactoryClaimCodes}, a camera that comes online unclaimed and without a claim code gets its factory code.
 *
 * <p>What the worker removes from a camera on a transfer ({@link OwnAccess}) is this node's uplink (the factory uplink
 * of an MCS); on a node that is also an Operational Cloud Service ({@link #actAsProvisioningCloudOf}) also the
 * operational role's uplink and authorization server, and the cameras that role holds are this role's to share on
 * ({@link HeldCameras}).
 */
public final class ProvisioningRole implements NodeRole {

    private final DeviceRegistry registry;
    private final ShareTokenIssuer issuer;
    private final List<Route> routes = new ArrayList<>();
    private final SharingWorker.Builder workerBuilder;
    private volatile SharingWorker worker;
    private final NodeContext context;
    private OwnAccess ownAccess;
    private Optional<HeldCameras> heldCameras = Optional.empty();
    private final DeviceSharingCompletedNotifier notifier;
    private final List<X509Certificate> manufacturerCas;
    private final List<SessionListener> listeners = new ArrayList<>();
    private final Optional<ClaimCodeAssigner> claimCodes;

    private ProvisioningRole(NodeContext context, Optional<FactoryClaimCodes> factoryClaimCodes,
                             Optional<List<X509Certificate>> manufacturerCas) {
        this.context = context;
        this.manufacturerCas = manufacturerCas.or(() -> context.pki().map(pki -> List.of(
                pki.manufacturerCaCertificate()))).orElseThrow(() -> new IllegalStateException(
                "the provisioning role needs manufacturer CA certificates: give them, or the node a development PKI"));
        this.ownAccess = new OwnAccess(uplinkAddresses(context.uplinkUri()), List.of());
        this.registry = DeviceRegistry.builder().storage(context.database()).clock(context.clock()).build();
        ECKey key = context.keys().signingKey(NodeKeys.SHARE_TOKEN);
        String xaddr = context.apiUri().toString();
        this.issuer = new ShareTokenIssuer(key, xaddr, context.clock());
        ProvisioningService service = ProvisioningService.builder().storage(context.database())
                .publicKeys(issuer.publicJwkSet()).issuer(xaddr).addressPolicy(context.outboundPolicy())
                .clock(context.clock()).json(new Json(JsonLimits.startDeviceSharing())).build();
        routes.addAll(new ProvisioningApi(service).routes());
        routes.addAll(new ManagementApi(context.database(), issuer, ManagementSettings.defaults(context.apiUri()),
                context.clock()).routes());
        this.workerBuilder = SharingWorker.builder().storage(context.database()).registry(registry)
                .name(context.name() + "-sharing").clock(context.clock()).json(context.json());
        DeviceSharingCompletedNotifier.Builder notifierBuilder = DeviceSharingCompletedNotifier.builder()
                .storage(context.database()).addressPolicy(context.outboundPolicy()).clock(context.clock())
                .json(context.json()).settings(NotifierSettings.defaults().withLeaseOwner(context.name() + "-notifier"))
                .deliveryListener(notification -> wakeUpWorker());
        context.outboundTrustAnchors().ifPresent(notifierBuilder::trustAnchors);
        this.notifier = notifierBuilder.build();
        this.claimCodes = factoryClaimCodes.map(codes -> new ClaimCodeAssigner(codes, registry, context.database(),
                this::wakeUpWorker));
        listeners.add(registry);
        claimCodes.ifPresent(listeners::add);
    }

    /**
     * The role for a node, admitting cameras whose birth certificates are from the node's development PKI's
     * manufacturer CA.
     *
     * @param claimCodes the factory's claim codes, set on cameras that come online without one; empty when the claim
     *     codes reach the database another way
     */
    public static NodeRole.Factory factory(Optional<FactoryClaimCodes> claimCodes) {
        Objects.requireNonNull(claimCodes, "claimCodes");
        return context -> new ProvisioningRole(context, claimCodes, Optional.empty());
    }

    /**
     * The role for a node, admitting cameras whose birth certificates are from one of {@code manufacturerCas} (the
     * anchors of the uplink's client certificate check) instead of the development PKI's manufacturer CA.
     *
     * @param claimCodes as {@link #factory(Optional)}
     * @param manufacturerCas at least one CA certificate
     */
    public static NodeRole.Factory factory(Optional<FactoryClaimCodes> claimCodes,
                                           List<X509Certificate> manufacturerCas) {
        Objects.requireNonNull(claimCodes, "claimCodes");
        List<X509Certificate> cas = List.copyOf(manufacturerCas);
        if (cas.isEmpty()) {
            throw new IllegalArgumentException("at least one manufacturer CA certificate is required");
        }
        return context -> new ProvisioningRole(context, claimCodes, Optional.of(cas));
    }

    /** The uplink address as given, and as {@code wss} when it is {@code https} (the same acceptor serves both). */
    private static List<URI> uplinkAddresses(URI uplink) {
        if (!"https".equalsIgnoreCase(uplink.getScheme())) {
            return List.of(uplink);
        }
        return List.of(uplink, URI.create("wss" + uplink.toString().substring("https".length())));
    }

    /**
     * Makes this role the Provisioning Cloud Service of the cameras {@code operational} holds on the same node: they
     * are adopted by the accounts that added them and taken online on their uplinks ({@link HeldCameras}); a
     * transfer also removes the operational role's uplink and authorization server from the camera, and once it is
     * done the camera's clients are revoked. Called by the node before {@link #start()}.
     */
    void actAsProvisioningCloudOf(OperationalRole operational) {
        if (worker != null) {
            throw new IllegalStateException("already started");
        }
        OperationalSettings settings = operational.service().settings();
        List<URI> uplinks = new ArrayList<>(ownAccess.uplinkAddresses());
        uplinkAddresses(settings.uplinkAddress()).stream().filter(uri -> !ownAccess.ownsUplink(uri))
                .forEach(uplinks::add);
        ownAccess = new OwnAccess(uplinks, List.of(settings.authorizationServer()));
        HeldCameras held = HeldCameras.attach(context.database(), registry, operational.cameras(), context.clock());
        workerBuilder.transferListener(held::transferred);
        heldCameras = Optional.of(held);
    }

    /** What a transfer removes from a camera: this node's own uplink and authorization server. */
    public OwnAccess ownAccess() {
        return ownAccess;
    }

    private void wakeUpWorker() {
        SharingWorker running = worker;
        if (running != null) {
            running.wakeUp();
        }
    }

    @Override
    public String name() {
        return "provisioning";
    }

    /** The cameras online on their factory uplinks (and on a node that is also an OCS, on their uplinks to it). */
    public DeviceRegistry registry() {
        return registry;
    }

    /** Signs the share tokens of the management API; its public key is published at {@value ProvisioningApi#JWKS}. */
    public ShareTokenIssuer shareTokenIssuer() {
        return issuer;
    }

    @Override
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public Optional<UplinkAuthenticator> uplinkAuthenticator() {
        return Optional.of(UplinkAuthenticator.clientCertificates(certificate ->
                BirthCertificate.serialNumber(certificate).map(CameraIdentity::new)));
    }

    @Override
    public List<X509Certificate> uplinkClientTrustAnchors() {
        return manufacturerCas;
    }

    @Override
    public List<SessionListener> sessionListeners() {
        return List.copyOf(listeners);
    }

    @Override
    public void start() {
        worker = workerBuilder.ownAccess(ownAccess).build().start();
        notifier.start();
    }

    @Override
    public void close() {
        heldCameras.ifPresent(HeldCameras::detach);
        if (worker != null) {
            worker.close();
        }
        notifier.close();
        claimCodes.ifPresent(ClaimCodeAssigner::close);
        registry.close();
    }
}
