package dev.onvifcloud.cloud.node;

import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.cloud.authorization.AuthorizationServer;
import dev.onvifcloud.cloud.authorization.AuthorizationServerSettings;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.operational.ConnectedCameras;
import dev.onvifcloud.cloud.operational.OperationalApi;
import dev.onvifcloud.cloud.operational.OperationalService;
import dev.onvifcloud.cloud.operational.OperationalSettings;
import dev.onvifcloud.cloud.operational.SharingRequester;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The operational role (an Operational Cloud Service): cameras added by share token through the camera API
 * ({@value OperationalApi#CAMERAS}), {@code startDeviceSharing} sent to their PCSs by the {@link SharingRequester},
 * {@code POST} {@value OperationalApi#DEVICE_SHARING_COMPLETED}, and the node's authorization server (RFC 8414
 * metadata, JWKS, token endpoint) whose access tokens admit cameras to the node's uplink, where
 * {@link ConnectedCameras} checks each camera's identity.
 *
 * <p>Derived from the node: the authorization server's issuer is the node's API base URL, its access tokens' audience
 * the node's uplink URL, its signing key the node's {@value #AUTHORIZATION_SERVER_KEY} key; the device configuration
 * sent to PCSs names the same uplink and issuer, the API base URL for {@code deviceSharingCompleted}, and the
 * node's TLS trust anchor ({@link NodeContext#tlsTrustAnchor()}: the development PKI's local CA, or the anchor of the
 * node's {@link TlsIdentity}) as the trust anchor of the certification path validation policy. PCSs are called
 * under the node's outbound address policy and trust anchors.
 */
public final class OperationalRole implements NodeRole {

    /** The purpose of the node key that signs the authorization server's access tokens. */
    public static final String AUTHORIZATION_SERVER_KEY = "authorization-server";

    private static final int LOOKUP_THREADS = 2;

    private final AuthorizationServer authorizationServer;
    private final OperationalService service;
    private final SharingRequester requester;
    private final ConnectedCameras cameras;
    private final ExecutorService lookups;
    private final List<Route> routes = new ArrayList<>();

    private OperationalRole(NodeContext context, UnaryOperator<OperationalSettings.Builder> operational,
                            UnaryOperator<AuthorizationServerSettings.Builder> authorization) {
        URI issuer = context.apiUri();
        URI uplink = context.uplinkUri();
        OperationalSettings settings = operational.apply(OperationalSettings.builder()
                .uplinkAddress(uplink)
                .authorizationServer(issuer)
                .endpointBaseUrls(List.of(issuer))
                .tlsCaCertificate(context.tlsTrustAnchor())
                .addressPolicy(context.outboundPolicy())
                .httpTrustAnchors(context.outboundTrustAnchors().orElse(List.of()))
                .leaseOwner(context.name() + "-sharing-requester")
                .clock(context.clock())).build();
        AuthorizationServerSettings asSettings = authorization.apply(
                AuthorizationServerSettings.builder(issuer, uplink)).build();
        ECKey key = context.keys().signingKey(AUTHORIZATION_SERVER_KEY);
        this.lookups = Executors.newFixedThreadPool(LOOKUP_THREADS, task -> {
            Thread thread = new Thread(task, context.name() + "-uplink-lookup");
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.authorizationServer = AuthorizationServer.builder(asSettings).signingKey(key)
                    .storage(context.database()).lookupExecutor(lookups).clock(context.clock()).build();
            this.service = new OperationalService(context.database(), settings);
            this.requester = new SharingRequester(context.database(), settings);
            service.afterAdding(requester::wakeUp);
            this.cameras = new ConnectedCameras(context.database(), settings);
        } catch (RuntimeException e) {
            lookups.shutdownNow();
            throw e;
        }
        routes.addAll(authorizationServer.routes());
        routes.addAll(new OperationalApi(service, cameras, context.database()).routes());
    }

    /** The role with the defaults of {@link OperationalSettings.Builder} and {@link AuthorizationServerSettings.Builder}. */
    public static NodeRole.Factory factory() {
        return factory(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The role, with settings adjusted past what the node gives (user level, trusted PCSs, retry schedule, access
     * token lifetime, ...).
     *
     * @param operational applied to the operational settings once the node's values are set
     * @param authorization applied to the authorization server's settings (issuer and audience already set)
     */
    public static NodeRole.Factory factory(UnaryOperator<OperationalSettings.Builder> operational,
                                           UnaryOperator<AuthorizationServerSettings.Builder> authorization) {
        Objects.requireNonNull(operational, "operational");
        Objects.requireNonNull(authorization, "authorization");
        return context -> new OperationalRole(context, operational, authorization);
    }

    @Override
    public String name() {
        return "operational";
    }

    public AuthorizationServer authorizationServer() {
        return authorizationServer;
    }

    public OperationalService service() {
        return service;
    }

    /** Sends {@code startDeviceSharing}; started with the node. */
    public SharingRequester requester() {
        return requester;
    }

    /** The cameras on their access-token uplinks. */
    public ConnectedCameras cameras() {
        return cameras;
    }

    @Override
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public Optional<UplinkAuthenticator> uplinkAuthenticator() {
        return Optional.of(authorizationServer.uplinkAuthenticator());
    }

    @Override
    public List<SessionListener> sessionListeners() {
        return List.of(cameras);
    }

    @Override
    public void start() {
        requester.start();
    }

    @Override
    public void close() {
        requester.close();
        cameras.close();
        lookups.shutdown();
        try {
            if (!lookups.awaitTermination(5, TimeUnit.SECONDS)) {
                lookups.shutdownNow();
            }
        } catch (InterruptedException e) {
            lookups.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
