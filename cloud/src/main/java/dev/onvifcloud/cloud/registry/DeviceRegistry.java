package dev.onvifcloud.cloud.registry;

import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cameras online on their factory uplinks. Register it as the {@link SessionListener} of the uplink acceptor
 * whose authenticator names cameras by their birth certificate's serial number: when a session comes up the
 * registry asks the camera GetDeviceInformation through it, checks that the reported serial number is the one
 * the certificate proved, records the camera as seen ({@code DeviceStore.recordSeen}) and holds it as
 * {@linkplain #online online} until its session goes down. While online, its last-seen time is refreshed every
 * {@code lastSeenInterval}. {@linkplain #addOnlineListener Online listeners} hear of each camera taken online.
 *
 * <p>A camera whose uplink session another component accepted and identified (an Operational Cloud Service holding
 * the camera, which then acts as its Provisioning Cloud Service) is {@linkplain #takeOnline taken online} and
 * {@linkplain #takeOffline offline} by that component; it is held by serial number like a factory uplink.
 */
public final class DeviceRegistry implements SessionListener, AutoCloseable {

    /** Why a camera whose session came up was not taken online. */
    public enum Refusal {
        /** GetDeviceInformation got no answer. */
        UNREACHABLE,
        /** The camera answered GetDeviceInformation with a fault. */
        FAULT,
        /** The reported serial number is not the one of the birth certificate. */
        SERIAL_NUMBER_MISMATCH,
        /** The reported information is not storable (blank or too long values). */
        INVALID_INFORMATION
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    private static final String ACTOR = "device-registry";

    private final Storage storage;
    private final SoapCodec codec;
    private final Clock clock;
    private final Duration requestTimeout;
    private final Duration lastSeenInterval;
    private final ScheduledExecutorService executor;
    private final ConcurrentMap<String, OnlineDevice> online = new ConcurrentHashMap<>();
    private final List<Consumer<OnlineDevice>> onlineListeners = new CopyOnWriteArrayList<>();

    private DeviceRegistry(Builder builder) {
        this.storage = builder.storage;
        this.codec = builder.codec;
        this.clock = builder.clock;
        this.requestTimeout = builder.requestTimeout;
        this.lastSeenInterval = builder.lastSeenInterval;
        this.executor = Executors.newScheduledThreadPool(builder.threads, runnable -> {
            Thread thread = new Thread(runnable, "device-registry");
            thread.setDaemon(true);
            return thread;
        });
        long period = lastSeenInterval.toMillis();
        executor.scheduleWithFixedDelay(this::refreshLastSeen, period, period, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The camera with this serial number, if it is online. */
    public Optional<OnlineDevice> online(String serialNumber) {
        return Optional.ofNullable(online.get(serialNumber)).filter(OnlineDevice::isOpen);
    }

    public boolean isOnline(String serialNumber) {
        return online(serialNumber).isPresent();
    }

    /** The cameras online now. */
    public List<OnlineDevice> all() {
        return online.values().stream().filter(OnlineDevice::isOpen).toList();
    }

    /**
     * Calls {@code listener} each time a camera is taken online (session up, identity checked, recorded seen), on a
     * thread of the registry; it should return quickly. Lets a worker look at once for the camera's operations.
     */
    public void addOnlineListener(Consumer<OnlineDevice> listener) {
        onlineListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeOnlineListener(Consumer<OnlineDevice> listener) {
        onlineListeners.remove(listener);
    }

    /**
     * Holds {@code device} online on {@code client}'s session, which another component accepted and whose camera it
     * identified as {@code device} (recorded in the device store already, e.g. {@code DeviceStore.adopt}). Replaces
     * any session the camera was held on; tells the online listeners, on the caller's thread.
     *
     * @return the camera as online; empty when the session is closed already
     */
    public Optional<OnlineDevice> takeOnline(OnvifClient client, Device device) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(device, "device");
        UplinkSession session = client.session();
        OnlineDevice entry = new OnlineDevice(device.id(), device.information(), client, clock.instant());
        online.put(device.serialNumber(), entry);
        if (!session.isOpen()) { // went down meanwhile: takeOffline may have run before the put
            online.remove(device.serialNumber(), entry);
            return Optional.empty();
        }
        audit("device.online", device.serialNumber(), "uplink " + session.identity().value() + " "
                + device.information().manufacturer() + " " + device.information().model() + " "
                + device.information().firmwareVersion());
        LOG.info("camera {} online on uplink {}", device.serialNumber(), session.identity().value());
        tellOnline(entry);
        return Optional.of(entry);
    }

    /**
     * Forgets the camera {@code serialNumber} if it is held on {@code session} (a later session is kept), and records
     * when it was last seen.
     *
     * @return whether it was held on that session
     */
    public boolean takeOffline(String serialNumber, UplinkSession session) {
        Objects.requireNonNull(session, "session");
        OnlineDevice device = online.get(Objects.requireNonNull(serialNumber, "serialNumber"));
        if (device == null || device.client().session() != session || !online.remove(serialNumber, device)) {
            return false;
        }
        recordSeen(device.information());
        audit("device.offline", serialNumber, "uplink " + session.identity().value());
        return true;
    }

    @Override
    public void sessionUp(UplinkSession session) {
        executor.execute(() -> {
            try {
                identify(session);
            } catch (RuntimeException e) { // outermost: the camera is taken online on its next session
                LOG.error("cannot take camera {} online", session.identity(), e);
            }
        });
    }

    @Override
    public void sessionDown(UplinkSession session) {
        executor.execute(() -> {
            String serialNumber = session.identity().value();
            OnlineDevice device = online.get(serialNumber);
            try {
                if (device != null && device.client().session() == session && online.remove(serialNumber, device)) {
                    recordSeen(device.information());
                    audit("device.offline", serialNumber, "");
                }
            } catch (RuntimeException e) { // outermost: only the last-seen time is stale
                LOG.warn("cannot record camera {} offline", serialNumber, e);
            }
        });
    }

    /** Asks the camera who it is, and takes it online when that matches its certificate. */
    private void identify(UplinkSession session) {
        String serialNumber = session.identity().value();
        OnvifClient client = new OnvifClient(session, codec, requestTimeout);
        Reply<GetDeviceInformationResponse> reply;
        try {
            reply = client.call(DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation());
        } catch (CameraUnreachableException e) {
            refuse(serialNumber, Refusal.UNREACHABLE, e.getMessage());
            return;
        }
        if (reply instanceof Reply.Failure<GetDeviceInformationResponse> failure) {
            refuse(serialNumber, Refusal.FAULT, failure.fault().reason());
            return;
        }
        GetDeviceInformationResponse response = ((Reply.Success<GetDeviceInformationResponse>) reply).response();
        if (!response.serialNumber().equals(serialNumber)) {
            refuse(serialNumber, Refusal.SERIAL_NUMBER_MISMATCH, "reported " + response.serialNumber());
            session.close();
            return;
        }
        DeviceInformation information;
        try {
            information = new DeviceInformation(response.manufacturer(), response.model(),
                    response.firmwareVersion(), response.serialNumber(), response.hardwareId());
        } catch (IllegalArgumentException e) {
            refuse(serialNumber, Refusal.INVALID_INFORMATION, e.getMessage());
            return;
        }
        Device device = recordSeen(information);
        OnlineDevice entry = new OnlineDevice(device.id(), information, client, clock.instant());
        online.put(serialNumber, entry);
        if (!session.isOpen()) { // went down while we asked: sessionDown may have run before the put
            online.remove(serialNumber, entry);
            return;
        }
        audit("device.online", serialNumber, information.manufacturer() + " " + information.model() + " "
                + information.firmwareVersion());
        LOG.info("camera {} online", serialNumber);
        tellOnline(entry);
    }

    private void tellOnline(OnlineDevice entry) {
        for (Consumer<OnlineDevice> listener : onlineListeners) {
            try {
                listener.accept(entry);
            } catch (RuntimeException e) { // one listener's failure does not keep the others from hearing it
                LOG.warn("online listener failed for camera {}", entry.serialNumber(), e);
            }
        }
    }

    private Device recordSeen(DeviceInformation information) {
        return storage.devices().recordSeen(information, clock.instant());
    }

    private void refreshLastSeen() {
        for (OnlineDevice device : List.copyOf(online.values())) {
            try {
                if (device.isOpen()) {
                    recordSeen(device.information());
                }
            } catch (RuntimeException e) { // outermost loop of the refresh task
                LOG.warn("cannot refresh last seen of camera {}", device.serialNumber(), e);
            }
        }
    }

    private void refuse(String serialNumber, Refusal refusal, String detail) {
        LOG.warn("camera {} not taken online: {} ({})", serialNumber, refusal, detail);
        audit("device.refused", serialNumber, refusal + ": " + detail);
    }

    private void audit(String action, String serialNumber, String detail) {
        storage.auditLog().append(new AuditEvent(clock.instant(), ACTOR, action, serialNumber,
                detail.length() > 4000 ? detail.substring(0, 4000) : detail));
    }

    /** Stops refreshing; the registry forgets every camera. */
    @Override
    public void close() {
        executor.shutdownNow();
        online.clear();
    }

    /** Collaborators and settings. Required: {@link #storage}. */
    public static final class Builder {

        private Storage storage;
        private SoapCodec codec = SoapCodec.standard();
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration lastSeenInterval = Duration.ofMinutes(1);
        private int threads = 4;

        private Builder() {
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        public Builder codec(SoapCodec value) {
            this.codec = Objects.requireNonNull(value, "codec");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long a request to a camera may take (default 30 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value, "requestTimeout");
            return this;
        }

        /** How often the last-seen time of online cameras is refreshed (default 1 min). */
        public Builder lastSeenInterval(Duration value) {
            this.lastSeenInterval = Objects.requireNonNull(value, "lastSeenInterval");
            return this;
        }

        /** How many cameras are identified at once (default 4). */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public DeviceRegistry build() {
            List<String> problems = new ArrayList<>();
            if (storage == null) {
                problems.add("storage is required");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                problems.add("requestTimeout must be positive");
            }
            if (lastSeenInterval.toMillis() < 1) {
                problems.add("lastSeenInterval must be at least 1 ms");
            }
            if (threads < 1) {
                problems.add("threads must be at least 1");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid device registry settings: " + String.join("; ", problems));
            }
            return new DeviceRegistry(this);
        }
    }
}
