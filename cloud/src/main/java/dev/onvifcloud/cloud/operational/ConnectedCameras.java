package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.registry.CameraUnreachableException;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.soap.Reply;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Operational Cloud Service's cameras on their uplinks: the {@link SessionListener} of the OCS's uplink acceptor,
 * whose authenticator names a camera by its client id.
 *
 * <p>When a session comes up, off the network thread, the camera must be one of ours, REGISTERED or VERIFIED;
 * then {@code GetDeviceInformation} is asked through the uplink and its manufacturer, model and serial number must
 * equal the share token's claims (Cloud Integration 25.12, 4.3). A match makes the camera VERIFIED (with the time) and
 * its session the live one, for the pass-through. A mismatch closes the session, marks the camera IDENTITY_MISMATCH
 * and revokes its client. An unknown or inactive camera, or one that cannot answer, is disconnected. When the live
 * session goes down its last-seen time is recorded: the camera stays VERIFIED, "connected" is whether it has a live
 * session. {@linkplain #addListener Listeners} hear of each camera verified on a session and of its live session
 * ending, e.g. to let the same node act as the camera's Provisioning Cloud Service.
 */
public final class ConnectedCameras implements SessionListener, AutoCloseable {

    /** Why a camera's session was closed instead of taken live. */
    public enum Refusal {
        /** No camera of ours has this client id. */
        UNKNOWN_CLIENT,
        /** The camera is not registered, or was removed, failed or refused before. */
        CAMERA_NOT_ACTIVE,
        /** {@code GetDeviceInformation} got no answer. */
        UNREACHABLE,
        /** The camera answered {@code GetDeviceInformation} with a fault. */
        FAULT,
        /** Manufacturer, model or serial number differ from the share token's claims. */
        IDENTITY_MISMATCH
    }

    public static final String AUDIT_CONNECTED = "ocs-camera.connected";
    public static final String AUDIT_DISCONNECTED = "ocs-camera.disconnected";
    public static final String AUDIT_SESSION_REFUSED = "ocs-camera.session-refused";
    public static final String AUDIT_IDENTITY_MISMATCH = "ocs-camera.identity-mismatch";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectedCameras.class);
    private static final String ACTOR = "ocs-uplink";
    private static final Set<OcsCameraState> CONNECTABLE = EnumSet.of(OcsCameraState.REGISTERED, OcsCameraState.VERIFIED);
    private static final Set<OcsCameraState> ACTIVE = EnumSet.of(OcsCameraState.PENDING,
            OcsCameraState.SHARING_REQUESTED, OcsCameraState.REGISTERED, OcsCameraState.VERIFIED);

    /** Hears of verified cameras' live sessions, on a thread of the identity check; should return quickly. */
    public interface Listener {

        /**
         * The camera's session is its live one: {@code information} matched its share token's claims.
         *
         * @param camera as stored, VERIFIED
         */
        void verified(OcsCamera camera, OnvifClient client, GetDeviceInformationResponse information);

        /** The camera's live session ended (closed, replaced by {@link #disconnect}, or the camera was refused). */
        void disconnected(OcsCamera camera, UplinkSession session);
    }

    /** A verified camera's live session. */
    private record Live(OcsCamera camera, OnvifClient client) {
    }

    private final Storage storage;
    private final OperationalSettings settings;
    private final SoapCodec codec;
    private final ExecutorService executor;
    private final ConcurrentMap<String, Live> live = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param threads how many cameras are checked at once
     */
    public ConnectedCameras(Storage storage, OperationalSettings settings, SoapCodec codec, int threads) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ocs-identity-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The standard SOAP codec and 4 threads. */
    public ConnectedCameras(Storage storage, OperationalSettings settings) {
        this(storage, settings, SoapCodec.standard(), 4);
    }

    /** The ONVIF client of a verified camera's live session. */
    public Optional<OnvifClient> client(String clientId) {
        return Optional.ofNullable(live.get(clientId)).map(Live::client).filter(c -> c.session().isOpen());
    }

    public boolean isConnected(String clientId) {
        return client(clientId).isPresent();
    }

    /** Tells {@code listener} of verified cameras from now on. */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Closes the camera's live session, if it has one. */
    public void disconnect(String clientId) {
        Live entry = live.remove(clientId);
        if (entry != null) {
            entry.client().session().close();
            tellDisconnected(entry);
        }
    }

    @Override
    public void sessionUp(UplinkSession session) {
        executor.execute(() -> {
            try {
                check(session);
            } catch (RuntimeException e) { // outermost: the camera is checked again on its next session
                LOG.error("cannot check camera {}", session.identity(), e);
                session.close();
            }
        });
    }

    @Override
    public void sessionDown(UplinkSession session) {
        executor.execute(() -> {
            String clientId = session.identity().value();
            Live entry = live.get(clientId);
            try {
                if (entry != null && entry.client().session() == session && live.remove(clientId, entry)) {
                    Instant now = settings.clock().instant();
                    storage.ocsCameras().recordSeen(entry.camera().id(), now);
                    storage.auditLog().append(new AuditEvent(now, ACTOR, AUDIT_DISCONNECTED,
                            entry.camera().id().toString(), "client=" + clientId));
                    tellDisconnected(entry);
                }
            } catch (RuntimeException e) { // outermost: only the last-seen time is stale
                LOG.warn("cannot record camera {} disconnected", clientId, e);
            }
        });
    }

    /** Checks who the camera is, and takes its session live when it is who its share token says. */
    private void check(UplinkSession session) {
        String clientId = session.identity().value();
        Optional<OcsCamera> found = storage.ocsCameras().findByClientId(clientId);
        if (found.isEmpty()) {
            refuse(session, Optional.empty(), Refusal.UNKNOWN_CLIENT, "");
            return;
        }
        OcsCamera camera = found.get();
        if (!CONNECTABLE.contains(camera.state())) {
            refuse(session, found, Refusal.CAMERA_NOT_ACTIVE, camera.state().name());
            return;
        }
        OnvifClient client = new OnvifClient(session, codec, settings.cameraRequestTimeout());
        Reply<GetDeviceInformationResponse> reply;
        try {
            reply = client.call(DeviceOperations.GET_DEVICE_INFORMATION, new GetDeviceInformation());
        } catch (CameraUnreachableException e) {
            refuse(session, found, Refusal.UNREACHABLE, e.reason().name());
            return;
        }
        if (reply instanceof Reply.Failure<GetDeviceInformationResponse> failure) {
            refuse(session, found, Refusal.FAULT, failure.fault().code().name());
            return;
        }
        GetDeviceInformationResponse information = ((Reply.Success<GetDeviceInformationResponse>) reply).response();
        if (!information.manufacturer().equals(camera.manufacturer()) || !information.model().equals(camera.model())
                || !information.serialNumber().equals(camera.serialNumber())) {
            mismatch(session, camera, information);
            return;
        }
        Instant now = settings.clock().instant();
        boolean verified = storage.inTransaction(transaction -> {
            boolean first = transaction.ocsCameras().transition(camera.id(), EnumSet.of(OcsCameraState.REGISTERED),
                    OcsCameraState.VERIFIED, Optional.empty(), now);
            if (!first) {
                transaction.ocsCameras().recordSeen(camera.id(), now);
            }
            OcsCamera current = transaction.ocsCameras().find(camera.id()).orElseThrow();
            if (current.state() != OcsCameraState.VERIFIED) {
                return false;
            }
            transaction.auditLog().append(new AuditEvent(now, ACTOR, AUDIT_CONNECTED, camera.id().toString(),
                    "client=" + clientId + (first ? " identity verified" : " identity verified again")
                            + session.remoteAddress().map(a -> " from " + a.getAddress().getHostAddress()).orElse("")));
            return true;
        });
        if (!verified) {
            refuse(session, found, Refusal.CAMERA_NOT_ACTIVE, "changed while checking");
            return;
        }
        Live entry = new Live(storage.ocsCameras().find(camera.id()).orElse(camera), client);
        Live previous = live.put(clientId, entry);
        if (previous != null && previous.client().session() != session) {
            previous.client().session().close();
            tellDisconnected(previous);
        }
        if (!session.isOpen()) { // went down while we asked: sessionDown may have run before the put
            live.remove(clientId, entry);
            return;
        }
        LOG.info("camera {} ({}) connected and verified", camera.id(), camera.serialNumber());
        for (Listener listener : listeners) {
            try {
                listener.verified(entry.camera(), client, information);
            } catch (RuntimeException e) { // one listener's failure does not keep the others from hearing it
                LOG.warn("listener failed for verified camera {}", camera.id(), e);
            }
        }
    }

    private void tellDisconnected(Live entry) {
        for (Listener listener : listeners) {
            try {
                listener.disconnected(entry.camera(), entry.client().session());
            } catch (RuntimeException e) { // one listener's failure does not keep the others from hearing it
                LOG.warn("listener failed for disconnected camera {}", entry.camera().id(), e);
            }
        }
    }

    private void mismatch(UplinkSession session, OcsCamera camera, GetDeviceInformationResponse information) {
        Instant now = settings.clock().instant();
        String reported = "reported manufacturer=" + information.manufacturer() + " model=" + information.model()
                + " sn=" + information.serialNumber();
        storage.inTransaction(transaction -> {
            transaction.ocsCameras().transition(camera.id(), ACTIVE, OcsCameraState.IDENTITY_MISMATCH,
                    Optional.of(reported), now);
            transaction.clients().revoke(camera.clientId(), now);
            transaction.auditLog().append(new AuditEvent(now, ACTOR, AUDIT_IDENTITY_MISMATCH, camera.id().toString(),
                    "client=" + camera.clientId() + " expected manufacturer=" + camera.manufacturer() + " model="
                            + camera.model() + " sn=" + camera.serialNumber() + "; " + reported
                            + "; session closed, client revoked"));
            return null;
        });
        Live previous = live.remove(camera.clientId());
        if (previous != null) {
            tellDisconnected(previous);
        }
        session.close();
        LOG.warn("camera {} ({}) is not who its share token says ({}): disconnected, client revoked", camera.id(),
                camera.serialNumber(), reported);
    }

    private void refuse(UplinkSession session, Optional<OcsCamera> camera, Refusal refusal, String detail) {
        String clientId = session.identity().value();
        LOG.warn("uplink of client {} closed: {} {}", clientId, refusal, detail);
        storage.auditLog().append(new AuditEvent(settings.clock().instant(), ACTOR, AUDIT_SESSION_REFUSED,
                camera.map(c -> c.id().toString()).orElse("client:" + clientId),
                "client=" + clientId + " reason=" + refusal + (detail.isEmpty() ? "" : " " + detail)));
        session.close();
    }

    /** Stops checking; live sessions are left to the acceptor. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        live.clear();
    }
}
