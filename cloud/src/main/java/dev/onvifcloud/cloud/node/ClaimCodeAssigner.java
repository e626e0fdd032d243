package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.cloud.storage.ClaimCodeHash;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.DeviceState;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.uplink.cloud.SessionListener;
import dev.onvifcloud.uplink.cloud.UplinkSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the registry has taken a camera online (it identifies the camera after its session came up), sets the
 * factory claim code of an unclaimed camera that has none, and tells the sharing worker that a camera came online.
 */
final class ClaimCodeAssigner implements SessionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimCodeAssigner.class);
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int ATTEMPTS = 300;

    private final FactoryClaimCodes codes;
    private final DeviceRegistry registry;
    private final Storage storage;
    private final Runnable cameraOnline;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "claim-codes");
        thread.setDaemon(true);
        return thread;
    });

    ClaimCodeAssigner(FactoryClaimCodes codes, DeviceRegistry registry, Storage storage, Runnable cameraOnline) {
        this.codes = codes;
        this.registry = registry;
        this.storage = storage;
        this.cameraOnline = cameraOnline;
    }

    @Override
    public void sessionUp(UplinkSession session) {
        schedule(session, ATTEMPTS);
    }

    @Override
    public void sessionDown(UplinkSession session) {
        // nothing to undo
    }

    private void schedule(UplinkSession session, int attemptsLeft) {
        if (!executor.isShutdown()) {
            executor.schedule(() -> check(session, attemptsLeft), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check(UplinkSession session, int attemptsLeft) {
        String serialNumber = session.identity().value();
        try {
            if (!registry.isOnline(serialNumber)) {
                if (session.isOpen() && attemptsLeft > 1) {
                    schedule(session, attemptsLeft - 1);
                }
                return;
            }
            Optional<Device> device = storage.devices().findBySerialNumber(serialNumber);
            if (device.isPresent() && device.get().state() == DeviceState.UNCLAIMED && !device.get().claimable()) {
                storage.devices().setClaimCode(serialNumber, ClaimCodeHash.of(codes.claimCode(serialNumber), random));
                LOG.info("camera {} can be claimed with its factory claim code", serialNumber);
            }
            cameraOnline.run();
        } catch (RuntimeException e) { // outermost: the code is set when the camera connects again
            LOG.warn("cannot set the claim code of camera {}", serialNumber, e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
