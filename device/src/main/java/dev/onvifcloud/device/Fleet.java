package dev.onvifcloud.device;

import dev.onvifcloud.security.pki.DevelopmentPki;
import dev.onvifcloud.security.pki.IssuedCredential;
import dev.onvifcloud.uplink.ConnectionStatus;
import dev.onvifcloud.uplink.TlsCredential;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many cameras in one JVM, for demonstrations and load tests: camera {@code i} has serial number
 * {@code serialPrefix + i} (zero-padded to six digits), its data directory {@code root/<serial>}, and a birth
 * certificate from the given manufacturer CA. All cameras share one {@link UplinkTransport} (event loops) and one
 * small scheduler (timers, uplink reconciliation, key generation), so an idle camera costs no thread of its own.
 * {@link #start()} builds and starts the cameras with bounded parallelism (building issues the birth certificate
 * and writes the state file; the uplinks then connect asynchronously, each on its own reconnect schedule).
 */
public final class Fleet implements AutoCloseable {

    /** Issues a camera's birth certificate (leaf first, its private key) for the camera described. */
    @FunctionalInterface
    public interface BirthCertificateIssuer {
        TlsCredential issue(DeviceInformation camera);

        /** Birth certificates from the manufacturer CA of a development PKI. */
        static BirthCertificateIssuer of(DevelopmentPki pki) {
            Objects.requireNonNull(pki, "pki");
            return camera -> {
                IssuedCredential issued = pki.issueBirthCertificate(camera.manufacturer(), camera.model(),
                        camera.serialNumber());
                return new TlsCredential(issued.privateKey(), issued.chain());
            };
        }
    }

    /**
     * The name of the transport a fleet or a camera creates for itself: its threads are {@code camera-io-...} and
     * {@code camera-worker-N}, told apart from a cloud node's in the same process.
     */
    public static final String TRANSPORT_NAME = "camera";

    private final Settings settings;
    private final UplinkTransport transport;
    private final boolean ownsTransport;
    private final ScheduledExecutorService scheduler;
    private final List<Camera> cameras;

    private record Settings(int size, String serialPrefix, DeviceInformation template, Path root,
                            BirthCertificateIssuer birthCertificates, Optional<URI> mcsAddress,
                            List<X509Certificate> mcsTrustAnchors, int parallelism, int schedulerThreads,
                            DeviceLimits limits, ReconnectSchedule reconnectSchedule, Clock clock,
                            TlsImplementation tlsImplementation) {
    }

    private Fleet(Builder b) {
        this.settings = new Settings(b.size, b.serialPrefix, b.template, b.root, b.birthCertificates,
                Optional.ofNullable(b.mcsAddress), List.copyOf(b.mcsTrustAnchors), b.parallelism,
                b.schedulerThreads, b.limits, b.reconnectSchedule, b.clock, b.tlsImplementation);
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? UplinkTransport.create(TRANSPORT_NAME) : b.transport;
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(settings.schedulerThreads(), r -> {
            Thread thread = new Thread(r, "fleet-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
        this.cameras = Collections.synchronizedList(new ArrayList<>(settings.size()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The serial number of camera {@code index}. */
    public String serialNumber(int index) {
        return String.format("%s%06d", settings.serialPrefix(), index);
    }

    /**
     * Builds and starts every camera, at most {@code parallelism} at a time; returns when all are started (their
     * uplinks still connecting). A camera that cannot be built fails the whole start (the others are closed).
     */
    public Fleet start() {
        ExecutorService builders = Executors.newFixedThreadPool(settings.parallelism(), r -> {
            Thread thread = new Thread(r, "fleet-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<Camera>> started = new ArrayList<>(settings.size());
            for (int i = 0; i < settings.size(); i++) {
                int index = i;
                started.add(CompletableFuture.supplyAsync(() -> startCamera(index), builders));
            }
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            builders.shutdown();
        }
    }

    private Camera startCamera(int index) {
        String serial = serialNumber(index);
        DeviceInformation template = settings.template();
        DeviceInformation information = new DeviceInformation(template.manufacturer(), template.model(),
                template.firmwareVersion(), serial, template.hardwareId());
        Camera camera = Camera.builder().information(information)
                .factoryDefaults(new FactoryDefaults(settings.birthCertificates().issue(information),
                        settings.mcsAddress(), settings.mcsTrustAnchors()))
                .dataDirectory(settings.root().resolve(serial))
                .limits(settings.limits())
                .reconnectSchedule(settings.reconnectSchedule())
                .clock(settings.clock())
                .tlsImplementation(settings.tlsImplementation())
                .transport(transport)
                .scheduler(scheduler)
                .build();
        cameras.add(camera);
        return camera.start();
    }

    /** The started cameras (in no particular order). */
    public List<Camera> cameras() {
        synchronized (cameras) {
            return List.copyOf(cameras);
        }
    }

    /** How many cameras have their factory uplink to the MCS {@code Connected}. */
    public int connected() {
        URI mcs = settings.mcsAddress().orElseThrow(() -> new IllegalStateException("the fleet has no MCS"));
        int connected = 0;
        for (Camera camera : cameras()) {
            if (camera.uplinkStatus(mcs).status() == ConnectionStatus.Connected) {
                connected++;
            }
        }
        return connected;
    }

    /** The threads the cameras share. */
    public UplinkTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        List<Camera> all = cameras();
        ExecutorService closers = Executors.newFixedThreadPool(settings.parallelism());
        try {
            CompletableFuture.allOf(all.stream().map(c -> CompletableFuture.runAsync(c::close, closers))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            closers.shutdown();
            cameras.clear();
            scheduler.shutdownNow();
            if (ownsTransport) {
                transport.close();
            }
        }
    }

    /** Settings of a fleet; {@link #build()} names what is missing. */
    public static final class Builder {
        private int size = -1;
        private String serialPrefix = "SN";
        private DeviceInformation template;
        private Path root;
        private BirthCertificateIssuer birthCertificates;
        private URI mcsAddress;
        private List<X509Certificate> mcsTrustAnchors = List.of();
        private UplinkTransport transport;
        private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int schedulerThreads = 2;
        private DeviceLimits limits = DeviceLimits.defaults();
        private ReconnectSchedule reconnectSchedule = ReconnectSchedule.defaults();
        private Clock clock = Clock.systemUTC();
        private TlsImplementation tlsImplementation = TlsImplementation.defaultChoice();

        private Builder() {
        }

        /** How many cameras. */
        public Builder size(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative: " + size);
            }
            this.size = size;
            return this;
        }

        /** Serial numbers are this prefix and the camera's index (an ASN.1 PrintableString). */
        public Builder serialPrefix(String serialPrefix) {
            this.serialPrefix = Objects.requireNonNull(serialPrefix);
            return this;
        }

        /** Manufacturer, model, firmware and hardware of every camera (its serial number is replaced). */
        public Builder information(DeviceInformation template) {
            this.template = Objects.requireNonNull(template);
            return this;
        }

        /** The directory under which each camera gets a data directory named by its serial number. */
        public Builder root(Path root) {
            this.root = Objects.requireNonNull(root);
            return this;
        }

        public Builder birthCertificates(BirthCertificateIssuer birthCertificates) {
            this.birthCertificates = Objects.requireNonNull(birthCertificates);
            return this;
        }

        /** Every camera's factory uplink, and the anchors for the MCS's server certificate. */
        public Builder mcs(URI mcsAddress, List<X509Certificate> mcsTrustAnchors) {
            this.mcsAddress = Objects.requireNonNull(mcsAddress);
            this.mcsTrustAnchors = List.copyOf(mcsTrustAnchors);
            return this;
        }

        /** Event loops shared by the cameras; without it the fleet runs its own. */
        public Builder transport(UplinkTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        /** How many cameras are built at the same time by {@link Fleet#start()} (default: one per core). */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Threads of the shared scheduler (default 2). */
        public Builder schedulerThreads(int schedulerThreads) {
            if (schedulerThreads < 1) {
                throw new IllegalArgumentException("schedulerThreads must be at least 1: " + schedulerThreads);
            }
            this.schedulerThreads = schedulerThreads;
            return this;
        }

        public Builder limits(DeviceLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder reconnectSchedule(ReconnectSchedule reconnectSchedule) {
            this.reconnectSchedule = Objects.requireNonNull(reconnectSchedule);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** OpenSSL or the JDK for the cameras' TLS; default {@link TlsImplementation#AUTO} (OpenSSL when it loads). */
        public Builder tlsImplementation(TlsImplementation tlsImplementation) {
            this.tlsImplementation = Objects.requireNonNull(tlsImplementation);
            return this;
        }

        public Fleet build() {
            List<String> missing = new ArrayList<>();
            if (size < 0) {
                missing.add("size");
            }
            if (template == null) {
                missing.add("information");
            }
            if (root == null) {
                missing.add("root");
            }
            if (birthCertificates == null) {
                missing.add("birthCertificates");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Fleet settings missing: " + String.join(", ", missing));
            }
            return new Fleet(this);
        }
    }
}
