package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.http.ApiServer;
import dev.onvifcloud.cloud.http.ApiServerSettings;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.storage.Account;
import dev.onvifcloud.cloud.storage.Database;
import dev.onvifcloud.cloud.storage.DatabaseSettings;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.cloud.UplinkAcceptor;
import dev.onvifcloud.uplink.cloud.UplinkAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running cloud: a database (embedded H2 in the data directory, or PostgreSQL), the node's signing keys (in the
 * data directory's {@code keys}), one HTTPS API server and one uplink acceptor (TLS, with the node's
 * {@link TlsIdentity} when it has one, else a server certificate minted at each start from the development PKI's
 * local CA), and the {@link NodeRole}s that contribute routes, uplink authentication, session
 * listeners and workers: {@link ProvisioningRole} for an MCS, {@link OperationalRole} for an OCS, or both.
 * With both, the provisioning role is the Provisioning Cloud Service of the cameras the operational role holds
 * ({@link HeldCameras}): their accounts share or transfer them on.
 *
 * <pre>{@code
 * DevelopmentPki pki = DevelopmentPkiStore.openOrCreate(Path.of("data/pki"), Clock.systemUTC());
 * try (CloudNode mcs = CloudNode.builder().dataDirectory(Path.of("data/mcs")).pki(pki)
 *         .settings(NodeSettings.loopback("mcs"))
 *         .role(ProvisioningRole.factory(Optional.of(FactoryClaimCodes.openOrCreate(Path.of("data/pki")))))
 *         .build().start()) {
 *     OwnerApiKey owner = mcs.bootstrapOwner("alice");
 *     ...
 * }
 * }</pre>
 *
 * <p>With a {@link Builder#tlsIdentity TLS identity} the node serves exactly that key and chain, and the development
 * PKI becomes optional: a node without one needs {@link ProvisioningRole#factory(Optional, List) explicit
 * manufacturer CAs} for a provisioning role, and outbound trust other than {@link OutboundTrust#developmentCa()}.
 * The identity is checked against the public host and the clock when the node is built and again when it starts.
 *
 * <p>Start opens the database, creates the roles, binds the uplink acceptor and the API server and starts the roles;
 * close undoes it in reverse order (API server, uplink acceptor, roles, threads, database). Starting again on the
 * same data directory keeps the database and the keys.
 */
public final class CloudNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudNode.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** A certificate that expires sooner than this is warned about when the node starts. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    private final Path dataDirectory;
    private final NodeSettings settings;
    private final Optional<DevelopmentPki> pki;
    private final Optional<TlsIdentity> tlsIdentity;
    private final Clock clock;
    private final List<NodeRole.Factory> factories;
    private Database database;
    private final List<NodeRole> roles = new ArrayList<>();
    private UplinkTransport transport;
    private Optional<UplinkAcceptor> acceptor = Optional.empty();
    private ApiServer apiServer;
    private URI apiUri;
    private URI uplinkUri;
    private boolean started;

    private CloudNode(Builder builder) {
        this.dataDirectory = builder.dataDirectory;
        this.settings = builder.settings;
        this.pki = builder.pki;
        this.tlsIdentity = builder.tlsIdentity;
        this.clock = builder.clock;
        this.factories = List.copyOf(builder.roles);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the database, creates the roles and starts listening.
     *
     * @throws IllegalStateException when already started, or a port cannot be bound (the node is closed again)
     * @throws dev.onvifcloud.cloud.storage.StorageException when the database cannot be opened or migrated
     */
    public synchronized CloudNode start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            tlsIdentity.ifPresent(identity -> identity.check(settings.publicHost(), clock.instant()));
            SecretFiles.directory(dataDirectory);
            database = Database.open(settings.database().orElseGet(() -> DatabaseSettings.h2(dataDirectory.resolve("db"))));
            NodeKeys keys = new NodeKeys(dataDirectory.resolve("keys"));
            int apiPort = settings.apiPort() != 0 ? settings.apiPort() : freePort();
            int uplinkPort = settings.uplinkPort() != 0 ? settings.uplinkPort() : freePort();
            apiUri = URI.create("https://" + uriHost(settings.publicHost()) + ":" + apiPort);
            uplinkUri = URI.create("https://" + uriHost(settings.publicHost()) + ":" + uplinkPort + "/uplink");
            OutboundAddressPolicy.Builder policy = OutboundAddressPolicy.builder();
            settings.allowedOutbound().forEach(policy::allow);
            NodeContext context = new NodeContext(settings.name(), dataDirectory, database, keys, pki,
                    tlsTrustAnchor(), apiUri, uplinkUri, policy.build(),
                    settings.outboundTrust().anchors(pki.map(DevelopmentPki::localCaCertificate)),
                    clock, new Json(JsonLimits.defaults()));
            for (NodeRole.Factory factory : factories) {
                roles.add(factory.create(context));
            }
            role(ProvisioningRole.class).ifPresent(provisioning ->
                    role(OperationalRole.class).ifPresent(provisioning::actAsProvisioningCloudOf));
            TlsCredential credential = serverCredential();
            transport = UplinkTransport.create(settings.name() + "-uplink");
            startAcceptor(credential, uplinkPort);
            List<Route> routes = new ArrayList<>(List.of(HealthCheck.forDatabase(database, clock).route()));
            roles.forEach(role -> routes.addAll(role.routes()));
            apiServer = ApiServer.builder()
                    .settings(ApiServerSettings.defaults(settings.bindAddress(), apiPort)
                            .withMaxBodyBytes(JsonLimits.MAX_START_DEVICE_SHARING_BYTES))
                    .tlsCredential(credential.privateKey(), credential.chain())
                    .tlsImplementation(settings.tlsImplementation())
                    .routes(routes)
                    .build()
                    .start();
            roles.forEach(NodeRole::start);
            LOG.info("{}: HTTPS API on {} (listening on {})", settings.name(), apiUri,
                    describe(apiServer.localAddress()));
            acceptor.ifPresent(a -> LOG.info("{}: uplink on {} (listening on {})", settings.name(), uplinkUri,
                    describe(a.localAddress())));
            LOG.info("{}: roles {}", settings.name(), roles.stream().map(NodeRole::name).toList());
            logCertificate(credential.chain().get(0));
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAcceptor(TlsCredential credential, int port) {
        UplinkRouting routing = new UplinkRouting(roles);
        Optional<UplinkAuthenticator> authenticator = routing.authenticator();
        if (authenticator.isEmpty()) {
            return;
        }
        List<X509Certificate> clientAnchors = new ArrayList<>();
        roles.forEach(role -> clientAnchors.addAll(role.uplinkClientTrustAnchors()));
        acceptor = Optional.of(UplinkAcceptor.builder()
                .transport(transport)
                .bindAddress(new InetSocketAddress(settings.bindAddress(), port))
                .serverCredential(credential)
                .tlsImplementation(settings.tlsImplementation())
                .clientTrustAnchors(clientAnchors)
                .authenticator(authenticator.get())
                .sessionListener(routing)
                .clock(clock)
                .build()
                .start());
    }

    /**
     * The node's TLS identity; without one, a server certificate from the local CA for {@code localhost}, the loopback
     * addresses and the public host.
     */
    private TlsCredential serverCredential() {
        if (tlsIdentity.isPresent()) {
            return tlsIdentity.get().credential();
        }
        DevelopmentPki pki = this.pki.orElseThrow();
        List<String> dnsNames = new ArrayList<>(List.of("localhost"));
        List<String> ipAddresses = new ArrayList<>(List.of("127.0.0.1", "::1"));
        String host = settings.publicHost().replace("[", "").replace("]", "");
        if (IPV4.matcher(host).matches() || host.contains(":")) {
            if (!ipAddresses.contains(host)) {
                ipAddresses.add(host);
            }
        } else if (!dnsNames.contains(host)) {
            dnsNames.add(host);
        }
        IssuedCredential issued = pki.issueServerCertificate(settings.name(), dnsNames, ipAddresses);
        return new TlsCredential(issued.privateKey(), issued.chain());
    }

    /**
     * Says which certificate the node serves, and warns when it expires within {@link #EXPIRY_WARNING}: a node reads
     * its certificate only when it starts, so renewing it means restarting the node.
     */
    private void logCertificate(X509Certificate leaf) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        String subject = leaf.getSubjectX500Principal().getName();
        if (tlsIdentity.isPresent()) {
            LOG.info("{}: TLS certificate '{}' valid until {}, trust anchor '{}'", settings.name(), subject, notAfter,
                    tlsIdentity.get().trustAnchor().getSubjectX500Principal().getName());
        } else {
            LOG.info("{}: TLS certificate '{}' minted from the development PKI's local CA, valid until {}",
                    settings.name(), subject, notAfter);
        }
        Duration left = Duration.between(clock.instant(), notAfter);
        if (left.compareTo(EXPIRY_WARNING) < 0) {
            LOG.warn("{}: the TLS certificate '{}' expires at {}, in {} days; renew it and restart the node",
                    settings.name(), subject, notAfter, left.toDays());
        }
    }

    /**
     * Creates the account {@code name} if there is none, and issues it a new API key (stored hashed; the key is in
     * the result only). Each call issues another key; earlier ones stay valid.
     */
    public OwnerApiKey bootstrapOwner(String name) {
        Database storage = database();
        Account account = storage.accounts().findByName(name)
                .orElseGet(() -> storage.accounts().create(name, clock.instant()));
        IssuedApiKey issued = storage.apiKeys().issue(account.id(), "bootstrap", clock.instant());
        LOG.info("{}: issued API key {} for account {}", settings.name(), issued.apiKey().keyId(), name);
        return new OwnerApiKey(account, issued.key());
    }

    /** The public base URI of the HTTPS API, e.g. {@code https://localhost:8443}. */
    public synchronized URI apiUri() {
        requireStarted();
        return apiUri;
    }

    /** The URI cameras open their uplinks to, e.g. {@code https://localhost:8444/uplink}. */
    public synchronized URI uplinkUri() {
        requireStarted();
        return uplinkUri;
    }

    /** The HTTPS API server, for tests in this package that look at how it was built. */
    synchronized ApiServer apiServer() {
        requireStarted();
        return apiServer;
    }

    public synchronized Database database() {
        requireStarted();
        return database;
    }

    /** The node's development PKI, if it has one. */
    public Optional<DevelopmentPki> pki() {
        return pki;
    }

    /** The node's TLS identity, if it was given one instead of minting a certificate from the development PKI. */
    public Optional<TlsIdentity> tlsIdentity() {
        return tlsIdentity;
    }

    /**
     * The CA certificate that clients and cameras validate the node's TLS certificate with: its {@link TlsIdentity}'s
     * trust anchor, else the development PKI's local CA.
     */
    public X509Certificate tlsTrustAnchor() {
        return tlsIdentity.map(TlsIdentity::trustAnchor)
                .orElseGet(() -> pki.orElseThrow().localCaCertificate());
    }

    public NodeSettings settings() {
        return settings;
    }

    /** The node's role of this type, if it has one. */
    public synchronized <T extends NodeRole> Optional<T> role(Class<T> type) {
        return roles.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private void requireStarted() {
        if (database == null || apiServer == null) {
            throw new IllegalStateException("not started");
        }
    }

    /** Stops listening, stops the roles, closes the database. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (apiServer != null) {
            closeQuietly("API server", apiServer::close);
            apiServer = null;
        }
        acceptor.ifPresent(a -> closeQuietly("uplink acceptor", a::close));
        acceptor = Optional.empty();
        for (int i = roles.size() - 1; i >= 0; i--) {
            NodeRole role = roles.get(i);
            closeQuietly("role " + role.name(), role::close);
        }
        roles.clear();
        if (transport != null) {
            closeQuietly("uplink transport", transport::close);
            transport = null;
        }
        if (database != null) {
            closeQuietly("database", database::close);
            database = null;
            LOG.info("{}: stopped", settings.name());
        }
    }

    private void closeQuietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) { // closing the rest matters more
            LOG.warn("{}: cannot close the {}", settings.name(), what, e);
        }
    }

    private int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, settings.bindAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + settings.bindAddress(), e);
        }
    }

    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String describe(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * Settings and collaborators. Required: {@link #dataDirectory}, {@link #pki} or {@link #tlsIdentity} (or both), at
     * least one {@link #role}.
     */
    public static final class Builder {

        private Path dataDirectory;
        private NodeSettings settings = NodeSettings.loopback("node");
        private Optional<DevelopmentPki> pki = Optional.empty();
        private Optional<TlsIdentity> tlsIdentity = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private final List<NodeRole.Factory> roles = new ArrayList<>();

        private Builder() {
        }

        /** Where the embedded database and the keys live (created, owner only, if missing). */
        public Builder dataDirectory(Path value) {
            this.dataDirectory = Objects.requireNonNull(value, "dataDirectory");
            return this;
        }

        /** Default {@link NodeSettings#loopback(String) loopback("node")}. */
        public Builder settings(NodeSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * The development PKI (e.g. {@link DevelopmentPkiStore#openOrCreate}): the node's TLS certificate comes from its
         * local CA unless a {@link #tlsIdentity} is given; its manufacturer CA is the provisioning role's default, its
         * local CA what {@link OutboundTrust#developmentCa()} trusts.
         */
        public Builder pki(DevelopmentPki value) {
            this.pki = Optional.of(Objects.requireNonNull(value, "pki"));
            return this;
        }

        /** The node's own TLS key, chain and trust anchor, instead of a certificate minted from the {@link #pki}. */
        public Builder tlsIdentity(TlsIdentity value) {
            this.tlsIdentity = Optional.of(Objects.requireNonNull(value, "tlsIdentity"));
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Adds a role; roles are created, asked for uplink authentication and started in this order. */
        public Builder role(NodeRole.Factory value) {
            roles.add(Objects.requireNonNull(value, "role"));
            return this;
        }

        /**
         * @throws IllegalStateException naming everything missing
         * @throws TlsIdentityRejectedException when the TLS identity does not suit the public host or the clock
         */
        public CloudNode build() {
            List<String> problems = new ArrayList<>();
            if (dataDirectory == null) {
                problems.add("dataDirectory is required");
            }
            if (pki.isEmpty() && tlsIdentity.isEmpty()) {
                problems.add("pki is required unless a tlsIdentity is given (where the TLS certificate comes from)");
            }
            if (pki.isEmpty() && settings.outboundTrust() instanceof OutboundTrust.DevelopmentCa) {
                problems.add("outbound trust in the development CA needs a pki");
            }
            if (roles.isEmpty()) {
                problems.add("at least one role is required");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid cloud node: " + String.join("; ", problems));
            }
            tlsIdentity.ifPresent(identity -> identity.check(settings.publicHost(), clock.instant()));
            return new CloudNode(this);
        }
    }
}
