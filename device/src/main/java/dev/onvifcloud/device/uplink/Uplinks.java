package dev.onvifcloud.device.uplink;

import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.device.state.StoredCertificate;
import dev.onvifcloud.device.state.StoredKey;
import dev.onvifcloud.soap.ReferenceToken;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.soap.security.CertPathValidationPolicy;
import dev.onvifcloud.soap.security.CertPathValidationPolicyID;
import dev.onvifcloud.soap.security.CertificateID;
import dev.onvifcloud.soap.security.TrustAnchor;
import dev.onvifcloud.soap.uplink.UplinkConfiguration;
import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkRequestHandler;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.UserLevel;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import dev.onvifcloud.uplink.device.UplinkConnector;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera's uplinks: one {@link UplinkConnector} per uplink configuration, all connected in parallel. Follows
 * the device state: {@link #reconcile} builds connectors for new configurations, rebuilds those whose
 * configuration or referenced keystore objects changed, and closes those deleted. Reconciling runs on its own
 * thread, after the request that changed the state was answered (a DeleteUplink that arrives through the uplink
 * it deletes still gets its response). An uplink with an authorization server has its own {@link TokenClient}
 * on the transport's event loops; its client assertions are signed on the reconciling executor's threads.
 */
public final class Uplinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Uplinks.class);

    /**
     * How connectors are made; tests shorten the schedule.
     *
     * @param tlsImplementation the TLS of the uplinks and of their token clients
     */
    public record Settings(UplinkTransport transport, String cameraIdentity, List<X509Certificate> defaultTrustAnchors,
                           ReconnectSchedule reconnectSchedule, Duration tokenRefreshMargin, Clock clock,
                           TlsImplementation tlsImplementation) {
        public Settings {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(cameraIdentity, "cameraIdentity");
            defaultTrustAnchors = List.copyOf(defaultTrustAnchors);
            Objects.requireNonNull(reconnectSchedule, "reconnectSchedule");
            Objects.requireNonNull(tokenRefreshMargin, "tokenRefreshMargin");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(tlsImplementation, "tlsImplementation");
        }
    }

    private record Running(ConnectorSpec spec, UplinkConnector connector, Optional<TokenClient> tokens) {
    }

    private final Settings settings;
    private final UplinkRequestHandler handler;
    private final Executor reconciler; // serial
    private final Executor signer; // client assertions of the token clients
    private final Optional<ExecutorService> ownThread;
    private final Map<URI, Running> running = new HashMap<>(); // confined to reconciler
    private final Map<URI, UplinkConnector> connectors = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<URI, String> problems = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Uplinks that reconcile on a thread of their own. */
    public Uplinks(Settings settings, UplinkRequestHandler handler) {
        this(settings, handler, Optional.empty());
    }

    /**
     * Uplinks that reconcile on {@code shared} (one task at a time, in order) and sign their token clients'
     * assertions there, so that many cameras in one JVM need no thread each.
     */
    public Uplinks(Settings settings, UplinkRequestHandler handler, Executor shared) {
        this(settings, handler, Optional.of(shared));
    }

    private Uplinks(Settings settings, UplinkRequestHandler handler, Optional<Executor> shared) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (shared.isPresent()) {
            this.ownThread = Optional.empty();
            this.reconciler = new SerialExecutor(shared.get());
            this.signer = shared.get();
        } else {
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "uplinks-" + settings.cameraIdentity());
                t.setDaemon(true);
                return t;
            });
            this.ownThread = Optional.of(thread);
            this.reconciler = thread;
            this.signer = thread;
        }
    }

    /** Brings the connectors in line with {@code state} (asynchronously, in order of calls). */
    public void reconcile(DeviceState state) {
        submit(() -> apply(state, false));
    }

    /** Closes every uplink and opens it again (SystemReboot). */
    public void restart(DeviceState state) {
        submit(() -> apply(state, true));
    }

    /** Status and Error of the uplink with this RemoteAddress, as GetUplinks reports them. */
    public UplinkStatus status(URI remoteAddress) {
        String problem = problems.get(remoteAddress);
        if (problem != null) {
            return new UplinkStatus(ConnectionStatus.Offline, Optional.of(problem), settings.clock().instant());
        }
        UplinkConnector connector = connectors.get(remoteAddress);
        return connector == null ? new UplinkStatus(ConnectionStatus.Connecting, Optional.empty(),
                settings.clock().instant()) : connector.status();
    }

    @Override
    public void close() {
        closed = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            reconciler.execute(() -> {
                try {
                    running.values().forEach(Uplinks::close);
                    running.clear();
                    connectors.clear();
                } finally {
                    done.complete(null);
                }
            });
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("camera {}: uplinks did not close in time", settings.cameraIdentity());
        } finally {
            ownThread.ifPresent(ExecutorService::shutdown);
        }
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        reconciler.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) { // outermost loop of the reconciler: log and keep serving
                LOG.error("camera {}: cannot apply the uplink configuration", settings.cameraIdentity(), e);
            }
        });
    }

    private void apply(DeviceState state, boolean restartAll) {
        if (closed) {
            return;
        }
        for (URI address : new ArrayList<>(running.keySet())) {
            if (restartAll || !state.uplinks().containsKey(address)) {
                stop(address);
            }
        }
        for (UplinkConfiguration configuration : state.uplinks().values()) {
            URI address = configuration.remoteAddress();
            ConnectorSpec spec;
            try {
                spec = spec(configuration, state);
                problems.remove(address);
            } catch (IllegalArgumentException e) {
                stop(address);
                problems.put(address, e.getMessage());
                continue;
            }
            Running current = running.get(address);
            if (current != null && current.spec().equals(spec)) {
                continue;
            }
            stop(address);
            Running started = build(spec);
            running.put(address, started);
            connectors.put(address, started.connector());
            started.connector().start();
        }
        problems.keySet().retainAll(state.uplinks().keySet());
    }

    private void stop(URI address) {
        Running current = running.remove(address);
        connectors.remove(address);
        if (current != null) {
            close(current);
        }
    }

    private static void close(Running running) {
        running.connector().close();
        running.tokens().ifPresent(TokenClient::close);
    }

    private Running build(ConnectorSpec spec) {
        UplinkConnector.Builder builder = UplinkConnector.builder()
                .remoteAddress(spec.remoteAddress().toString())
                .trustAnchors(spec.trustAnchors())
                .userLevel(spec.userLevel())
                .requestHandler(handler)
                .cameraIdentity(settings.cameraIdentity())
                .reconnectSchedule(settings.reconnectSchedule())
                .tokenRefreshMargin(settings.tokenRefreshMargin())
                .clock(settings.clock())
                .transport(settings.transport())
                .tlsImplementation(settings.tlsImplementation());
        spec.clientCredential().ifPresent(builder::clientCredential);
        Optional<TokenClient> tokens = spec.tokenSource().map(source -> new TokenClient(source.configuration(),
                source.privateKey(), source.trustAnchors(), settings.clock(), settings.tokenRefreshMargin(),
                settings.transport(), signer, settings.tlsImplementation()));
        tokens.ifPresent(client -> builder.accessTokens(client.supplier()));
        try {
            return new Running(spec, builder.build(), tokens);
        } catch (RuntimeException e) {
            tokens.ifPresent(TokenClient::close);
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------ resolving

    private ConnectorSpec spec(UplinkConfiguration configuration, DeviceState state) {
        UserLevel level = configuration.userLevel().stream().findFirst().map(Uplinks::userLevel)
                .orElseThrow(() -> new IllegalArgumentException("no UserLevel configured"));
        List<X509Certificate> anchors = configuration.certPathValidationPolicyID()
                .map(id -> anchors(state, new CertPathValidationPolicyID(id)))
                .orElse(settings.defaultTrustAnchors());
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no trust anchors to validate the server certificate");
        }
        Optional<TlsCredential> credential = configuration.certificateID()
                .map(id -> credential(state, new CertificateID(id)));
        Optional<ConnectorSpec.TokenSource> tokens = configuration.authorizationServer()
                .map(token -> tokenSource(state, token));
        return new ConnectorSpec(configuration.remoteAddress(), level, anchors, credential, tokens);
    }

    private static UserLevel userLevel(String level) {
        for (UserLevel candidate : UserLevel.values()) {
            if (candidate.name().equals(level)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("unknown UserLevel " + level);
    }

    private static List<X509Certificate> anchors(DeviceState state, CertPathValidationPolicyID id) {
        CertPathValidationPolicy policy = state.certPathValidationPolicy(id).orElseThrow(() ->
                new IllegalArgumentException("certification path validation policy " + id + " is missing"));
        List<X509Certificate> anchors = new ArrayList<>();
        for (TrustAnchor anchor : policy.trustAnchors()) {
            anchors.add(state.certificate(anchor.certificateID()).orElseThrow(() ->
                    new IllegalArgumentException("trust anchor " + anchor.certificateID() + " is missing"))
                    .certificate());
        }
        return anchors;
    }

    private static TlsCredential credential(DeviceState state, CertificateID id) {
        StoredCertificate leaf = state.certificate(id).orElseThrow(() ->
                new IllegalArgumentException("certificate " + id + " is missing"));
        PrivateKey privateKey = state.key(leaf.keyId()).flatMap(StoredKey::privateKey).orElseThrow(() ->
                new IllegalArgumentException("certificate " + id + " has no private key"));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf.certificate());
        X509Certificate last = leaf.certificate();
        while (chain.size() < 8 && !last.getIssuerX500Principal().equals(last.getSubjectX500Principal())) {
            Optional<X509Certificate> issuer = issuerOf(state, last);
            if (issuer.isEmpty()) {
                break;
            }
            last = issuer.get();
            chain.add(last);
        }
        return new TlsCredential(privateKey, chain);
    }

    private static Optional<X509Certificate> issuerOf(DeviceState state, X509Certificate certificate) {
        for (StoredCertificate candidate : state.certificates().values()) {
            X509Certificate c = candidate.certificate();
            if (c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(c.getPublicKey());
                    return Optional.of(c);
                } catch (java.security.GeneralSecurityException e) {
                    // not this one
                }
            }
        }
        return Optional.empty();
    }

    private static ConnectorSpec.TokenSource tokenSource(DeviceState state, ReferenceToken token) {
        AuthorizationServerConfigurationData data = state.authorizationServer(token).orElseThrow(() ->
                new IllegalArgumentException("authorization server configuration " + token + " is missing"));
        PrivateKey key = data.keyID().flatMap(state::key).flatMap(StoredKey::privateKey).orElseThrow(() ->
                new IllegalArgumentException("authorization server configuration " + token
                        + " has no usable private key"));
        List<X509Certificate> anchors = data.certPathValidationPolicyID().map(id -> anchors(state, id))
                .orElseThrow(() -> new IllegalArgumentException("authorization server configuration " + token
                        + " has no CertPathValidationPolicyID"));
        return new ConnectorSpec.TokenSource(token, data, key, anchors);
    }
}
