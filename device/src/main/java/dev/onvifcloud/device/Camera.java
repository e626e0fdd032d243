package dev.onvifcloud.device;

import dev.onvifcloud.device.event.EventService;
import dev.onvifcloud.device.service.DeviceService;
import dev.onvifcloud.device.service.SecurityService;
import dev.onvifcloud.device.service.UplinkService;
import dev.onvifcloud.device.soap.SoapDispatcher;
import dev.onvifcloud.device.state.DeviceState;
import dev.onvifcloud.device.state.DeviceStore;
import dev.onvifcloud.device.state.StateFile;
import dev.onvifcloud.device.uplink.Uplinks;
import dev.onvifcloud.soap.AttributeSet;
import dev.onvifcloud.soap.Namespaces;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.XmlElement;
import dev.onvifcloud.soap.events.CloudFirmwareUpgradeCompleted;
import dev.onvifcloud.soap.events.NotificationMessage;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkStatus;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.ReconnectSchedule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.xml.namespace.QName;

/**
 * The reference ONVIF cloud-native camera: identity, persistent keystore and configuration in a data directory,
 * the device, security, uplink and event services behind a SOAP dispatcher, and one uplink per uplink
 * configuration (the factory uplink to the MCS included). Starting it from a data directory it used before
 * brings back everything the clouds configured.
 */
public final class Camera implements AutoCloseable {

    private static final Duration REBOOT_DELAY = Duration.ofMillis(200);

    private final DeviceInformation information;
    private final DeviceStore store;
    private final EventService events;
    private final SoapDispatcher dispatcher;
    private final Uplinks uplinks;
    private final ScheduledExecutorService timer;
    private final boolean ownsTimer;
    private final UplinkTransport transport;
    private final boolean ownsTransport;
    private final Clock clock;
    private final String eventSource;

    private Camera(Builder b) {
        this.information = b.information;
        this.clock = b.clock;
        this.ownsTransport = b.transport == null;
        this.transport = ownsTransport ? UplinkTransport.create(Fleet.TRANSPORT_NAME, 1) : b.transport;
        String serial = information.serialNumber();
        this.eventSource = "urn:uuid:" + UUID.nameUUIDFromBytes(serial.getBytes(StandardCharsets.UTF_8));
        this.ownsTimer = b.scheduler == null;
        this.timer = ownsTimer ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "camera-" + serial);
            thread.setDaemon(true);
            return thread;
        }) : b.scheduler;
        Executor keyGeneration = b.keyGeneration != null ? b.keyGeneration : timer;
        DeviceState initial = b.factoryDefaults.initialState();
        List<Uplinks> late = new ArrayList<>(1);
        this.store = new DeviceStore(new StateFile(b.dataDirectory), initial,
                state -> late.forEach(u -> u.reconcile(state)));
        SecurityService security = new SecurityService(store, b.limits, keyGeneration, serial);
        this.events = new EventService(clock, timer);
        Uplinks.Settings settings = new Uplinks.Settings(transport, serial, b.factoryDefaults.mcsTrustAnchors(),
                b.reconnectSchedule, b.tokenRefreshMargin, clock, b.tlsImplementation);
        List<dev.onvifcloud.device.soap.ServiceImplementation> services = new ArrayList<>();
        SoapDispatcher[] self = new SoapDispatcher[1];
        dev.onvifcloud.uplink.UplinkRequestHandler handler = (request, level) -> self[0].handle(request, level);
        this.uplinks = ownsTimer ? new Uplinks(settings, handler) : new Uplinks(settings, handler, timer);
        UplinkService uplinkService = new UplinkService(store, uplinks, b.limits);
        Map<OnvifService, Supplier<XmlElement>> capabilities = Map.of(
                OnvifService.UPLINK, () -> DeviceService.attributes(new QName(Namespaces.TUP, "Capabilities", "tup"),
                        uplinkService.capabilities().attributes()),
                OnvifService.EVENTS, () -> DeviceService.attributes(new QName(Namespaces.TEV, "Capabilities", "tev"),
                        events.capabilities().attributes()),
                OnvifService.ADVANCED_SECURITY, () -> DeviceService.attributes(
                        new QName(Namespaces.TAS, "Capabilities", "tas"), AttributeSet.none()));
        DeviceService device = new DeviceService(() -> this.information, b.firmwareUpgrade, this::reboot,
                capabilities);
        services.add(device);
        services.add(security);
        services.add(uplinkService);
        services.add(events);
        this.dispatcher = new SoapDispatcher(SoapCodec.standard(), services, serial);
        self[0] = dispatcher;
        late.add(uplinks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Connects the configured uplinks. */
    public Camera start() {
        uplinks.reconcile(store.state());
        return this;
    }

    public DeviceInformation information() {
        return information;
    }

    /** The SOAP endpoint (what the uplinks serve). */
    public SoapDispatcher dispatcher() {
        return dispatcher;
    }

    /** The configuration as it is now. */
    public DeviceState state() {
        return store.state();
    }

    /** Status and Error of the uplink with this RemoteAddress. */
    public UplinkStatus uplinkStatus(URI remoteAddress) {
        return uplinks.status(remoteAddress);
    }

    /** Publishes an event to the pull points that subscribed to it. */
    public void publish(NotificationMessage message) {
        events.publish(message);
    }

    /** Publishes {@code tns1:Monitoring/CloudFirmwareUpgrade/Completed}. */
    public void publishCloudFirmwareUpgradeCompleted(boolean success, String information) {
        events.publish(new CloudFirmwareUpgradeCompleted(eventSource, success, information)
                .toNotificationMessage(clock.instant(), Optional.empty()));
    }

    /** Closes and reopens every uplink, shortly after (so that a SystemReboot response gets out first). */
    public void reboot() {
        timer.schedule(() -> uplinks.restart(store.state()), REBOOT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        uplinks.close();
        if (ownsTimer) {
            timer.shutdownNow();
        }
        if (ownsTransport) {
            transport.close();
        }
    }

    /** Settings of a camera; {@link #build()} names what is missing. */
    public static final class Builder {
        private DeviceInformation information;
        private FactoryDefaults factoryDefaults;
        private Path dataDirectory;
        private DeviceLimits limits = DeviceLimits.defaults();
        private FirmwareUpgrade firmwareUpgrade = FirmwareUpgrade.notSupported();
        private Clock clock = Clock.systemUTC();
        private UplinkTransport transport;
        private ReconnectSchedule reconnectSchedule = ReconnectSchedule.defaults();
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);
        private TlsImplementation tlsImplementation = TlsImplementation.defaultChoice();
        private Executor keyGeneration;
        private ScheduledExecutorService scheduler;

        private Builder() {
        }

        public Builder information(DeviceInformation information) {
            this.information = Objects.requireNonNull(information);
            return this;
        }

        public Builder factoryDefaults(FactoryDefaults factoryDefaults) {
            this.factoryDefaults = Objects.requireNonNull(factoryDefaults);
            return this;
        }

        /** Where the camera keeps its state (created if missing). */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory);
            return this;
        }

        public Builder limits(DeviceLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        public Builder firmwareUpgrade(FirmwareUpgrade firmwareUpgrade) {
            this.firmwareUpgrade = Objects.requireNonNull(firmwareUpgrade);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Threads shared with other cameras; without it the camera runs its own. */
        public Builder transport(UplinkTransport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        public Builder reconnectSchedule(ReconnectSchedule reconnectSchedule) {
            this.reconnectSchedule = Objects.requireNonNull(reconnectSchedule);
            return this;
        }

        public Builder tokenRefreshMargin(Duration tokenRefreshMargin) {
            this.tokenRefreshMargin = Objects.requireNonNull(tokenRefreshMargin);
            return this;
        }

        /**
         * OpenSSL or the JDK for the TLS of the uplinks and of their token requests; default
         * {@link TlsImplementation#AUTO} (OpenSSL when it loads).
         */
        public Builder tlsImplementation(TlsImplementation tlsImplementation) {
            this.tlsImplementation = Objects.requireNonNull(tlsImplementation);
            return this;
        }

        /** Where CreateECCKeyPair generates keys (default: the camera's own thread). */
        public Builder keyGeneration(Executor keyGeneration) {
            this.keyGeneration = Objects.requireNonNull(keyGeneration);
            return this;
        }

        /**
         * Threads shared with other cameras for timers and uplink reconciliation (never shut down by the camera);
         * without it the camera runs two threads of its own.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        public Camera build() {
            List<String> missing = new ArrayList<>();
            if (information == null) {
                missing.add("information");
            }
            if (factoryDefaults == null) {
                missing.add("factoryDefaults");
            }
            if (dataDirectory == null) {
                missing.add("dataDirectory");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Camera settings missing: " + String.join(", ", missing));
            }
            return new Camera(this);
        }
    }
}
