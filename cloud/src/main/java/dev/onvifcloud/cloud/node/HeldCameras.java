package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.operational.ConnectedCameras;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.AdoptionRefusal;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceInformation;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.soap.device.GetDeviceInformationResponse;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a node that is an Operational Cloud Service act as the Provisioning Cloud Service of the cameras it holds
 * (Cloud Integration 25.12: an OCS may share or transfer a camera on). Listens to {@link ConnectedCameras}: a camera
 * verified on its uplink is adopted in the device store by the account that added it ({@code DeviceStore.adopt}, no
 * claim code) and {@linkplain DeviceRegistry#takeOnline taken online} on that uplink, so that the account can issue
 * share tokens for it and the sharing worker configures it through it; its session ending takes it offline.
 *
 * <p>{@link #transferred(Device)}, the sharing worker's transfer listener: once this node transferred such a camera
 * away (its uplink and authorization server configuration removed from the camera), the account's cameras with that
 * serial number are REMOVED with their OAuth clients revoked, in one transaction, and any live session closed, so
 * that the camera can never connect to this node again with what it was given.
 */
public final class HeldCameras implements ConnectedCameras.Listener {

    public static final String AUDIT_ADOPTION_REFUSED = "device.adoption-refused";
    public static final String AUDIT_TRANSFERRED = "ocs-camera.transferred";

    private static final Logger LOG = LoggerFactory.getLogger(HeldCameras.class);
    private static final String ACTOR = "held-cameras";
    private static final Set<OcsCameraState> HELD = EnumSet.of(OcsCameraState.PENDING,
            OcsCameraState.SHARING_REQUESTED, OcsCameraState.REGISTERED, OcsCameraState.VERIFIED);

    private final Storage storage;
    private final DeviceRegistry registry;
    private final ConnectedCameras cameras;
    private final Clock clock;

    public HeldCameras(Storage storage, DeviceRegistry registry, ConnectedCameras cameras, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the bridge and registers it with {@code cameras}. */
    public static HeldCameras attach(Storage storage, DeviceRegistry registry, ConnectedCameras cameras, Clock clock) {
        HeldCameras held = new HeldCameras(storage, registry, cameras, clock);
        cameras.addListener(held);
        return held;
    }

    /** Stops listening to the connected cameras. */
    public void detach() {
        cameras.removeListener(this);
    }

    @Override
    public void verified(OcsCamera camera, OnvifClient client, GetDeviceInformationResponse information) {
        DeviceInformation reported;
        try {
            reported = new DeviceInformation(information.manufacturer(), information.model(),
                    information.firmwareVersion(), information.serialNumber(), information.hardwareId());
        } catch (IllegalArgumentException e) {
            refused(camera, "INVALID_INFORMATION " + e.getMessage());
            return;
        }
        // Removed meanwhile (transferred away, or by its account): not ours to share on.
        if (storage.ocsCameras().find(camera.id()).map(OcsCamera::state).orElse(OcsCameraState.REMOVED)
                != OcsCameraState.VERIFIED) {
            return;
        }
        Outcome<Device, AdoptionRefusal> adopted =
                storage.devices().adopt(reported, camera.accountId(), clock.instant());
        if (adopted.refusal().isPresent()) {
            refused(camera, adopted.refusal().get().name());
            return;
        }
        registry.takeOnline(client, adopted.value());
    }

    @Override
    public void disconnected(OcsCamera camera, UplinkSession session) {
        registry.takeOffline(camera.serialNumber(), session);
    }

    /**
     * The sharing worker transferred {@code device} away: the owner's cameras with its serial number are REMOVED,
     * their clients revoked, their sessions closed.
     */
    public void transferred(Device device) {
        Optional<UUID> owner = device.owner();
        if (owner.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<OcsCamera> held = storage.inTransaction(transaction -> {
            List<OcsCamera> removed = transaction.ocsCameras().listByAccount(owner.get()).stream()
                    .filter(camera -> camera.serialNumber().equals(device.serialNumber()))
                    .filter(camera -> HELD.contains(camera.state()))
                    .toList();
            for (OcsCamera camera : removed) {
                transaction.ocsCameras().transition(camera.id(), HELD, OcsCameraState.REMOVED, Optional.empty(), now);
                boolean revoked = transaction.clients().revoke(camera.clientId(), now);
                transaction.auditLog().append(new AuditEvent(now, ACTOR, AUDIT_TRANSFERRED, camera.id().toString(),
                        "client=" + camera.clientId() + " was=" + camera.state() + " device " + device.id()
                                + " transferred away" + (revoked ? "; client revoked" : "")));
            }
            return removed;
        });
        for (OcsCamera camera : held) {
            cameras.disconnect(camera.clientId());
            LOG.info("camera {} ({}) transferred away: client {} revoked", camera.id(), camera.serialNumber(),
                    camera.clientId());
        }
    }

    private void refused(OcsCamera camera, String reason) {
        LOG.warn("camera {} ({}) verified but not adopted: {}", camera.id(), camera.serialNumber(), reason);
        storage.auditLog().append(new AuditEvent(clock.instant(), ACTOR, AUDIT_ADOPTION_REFUSED,
                camera.serialNumber(), "camera " + camera.id() + " account " + camera.accountId() + ": " + reason));
    }
}
