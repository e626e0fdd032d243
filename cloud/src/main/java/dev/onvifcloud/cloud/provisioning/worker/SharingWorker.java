package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.provisioning.StoredDeviceConfiguration;
import dev.onvifcloud.cloud.registry.DeviceRegistry;
import dev.onvifcloud.cloud.registry.OnlineDevice;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Device;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.RetrySchedule;
import dev.onvifcloud.cloud.storage.SharingOperation;
import dev.onvifcloud.cloud.storage.SharingOperationState;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.WireFormatException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out sharing operations: claims due operations under a lease and, for each whose camera is
 * {@linkplain DeviceRegistry#online online}, configures the camera through its factory uplink with standard ONVIF
 * operations (see {@link SharingStep}), recording each step with what it created before going on, so that another
 * worker resumes after a crash without duplicating anything on the camera. A completed operation has its
 * {@code deviceSharingCompleted} notification queued; an operation whose camera is offline or does not answer is
 * tried again after {@code retryDelay}; one whose camera refuses a step is compensated (what it created removed)
 * and fails with the camera's reason. A transfer the Operational Cloud Service confirmed (TRANSFERRING) has this
 * cloud's own access removed from the camera ({@link TransferRun}); an operation its owner un-shares (UNSHARING)
 * has what it created removed. Everything goes to the audit log.
 *
 * <p>Up to {@code parallelism} operations are worked on at once, each on a thread of the worker's pool and each
 * strictly step after step; two operations of the same camera never overlap (the later one waits for the earlier).
 * {@link #start()} runs the claiming loop on a thread of its own, claiming as many due operations as there are free
 * slots; {@link #runOnce()} runs one round from the caller's thread and waits for its operations to end.
 */
public final class SharingWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharingWorker.class);

    /** The worker's settings, frozen by the builder. */
    record Settings(String name, Clock clock, Json json, Duration leaseDuration, Duration retryDelay,
                    Duration pollInterval, int batchSize, int parallelism, int keyStatusPolls,
                    Duration keyStatusInterval,
                    RetrySchedule notificationSchedule, OwnAccess ownAccess) {
    }

    private final Settings settings;
    private final Storage storage;
    private final DeviceRegistry registry;
    private final Checkpoint checkpoint;
    private final Object wakeUp = new Object();
    private final Set<UUID> cameInOnline = ConcurrentHashMap.newKeySet();
    private final Consumer<OnlineDevice> onlineListener = this::cameOnline;
    private final List<Consumer<Device>> transferListeners;
    private final Semaphore slots;
    private final ExecutorService executor;
    /** The last operation submitted for each camera: a later one of the same camera runs after it. */
    private final Map<UUID, CompletableFuture<Void>> lastOfCamera = new ConcurrentHashMap<>();
    private boolean wakeUpRequested; // guarded by wakeUp
    private volatile boolean running;
    private Thread thread;

    private SharingWorker(Builder builder) {
        this.settings = new Settings(builder.name, builder.clock, builder.json, builder.leaseDuration,
                builder.retryDelay, builder.pollInterval, builder.batchSize, builder.parallelism,
                builder.keyStatusPolls, builder.keyStatusInterval, builder.notificationSchedule, builder.ownAccess);
        this.storage = builder.storage;
        this.registry = builder.registry;
        this.checkpoint = builder.checkpoint;
        this.transferListeners = List.copyOf(builder.transferListeners);
        this.slots = new Semaphore(settings.parallelism());
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.parallelism(), settings.parallelism(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread t = new Thread(task, "sharing-" + settings.name() + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name the worker leases operations under. */
    public String name() {
        return settings.name();
    }

    /**
     * Starts the loop: a round, then a pause of {@code pollInterval} when there was nothing to do, cut short by
     * {@link #wakeUp()}. Listens to the registry: a camera coming online makes its waiting operations due and wakes
     * the loop.
     */
    public synchronized SharingWorker start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        registry.addOnlineListener(onlineListener);
        thread = new Thread(this::loop, "sharing-worker-" + settings.name());
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Makes the loop look for due operations now, instead of after its pause (e.g. when the Operational Cloud
     * Service confirmed a transfer). A wake-up during a round makes the next round start at once.
     */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUpRequested = true;
            wakeUp.notifyAll();
        }
    }

    private void cameOnline(OnlineDevice device) {
        cameInOnline.add(device.deviceId());
        wakeUp();
    }

    private void loop() {
        while (running) {
            try {
                if (!slots.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // every slot busy: look again (and at running) after a pause
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int claimed = claimAndSubmit(moreSlots()).size();
            if (claimed == 0 && running) {
                synchronized (wakeUp) {
                    try {
                        if (!wakeUpRequested) {
                            wakeUp.wait(settings.pollInterval().toMillis());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /**
     * One round from the caller's thread: claims up to {@code batchSize} due operations (no more than there are
     * free slots, waiting for one), works on them concurrently and waits for them to end. An unexpected failure of
     * one operation is logged and leaves it leased until its lease expires; the others go on.
     *
     * @return how many operations were claimed
     */
    public int runOnce() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        List<CompletableFuture<Void>> round = claimAndSubmit(moreSlots());
        try {
            CompletableFuture.allOf(round.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) { // each operation logs its own failure
            LOG.debug("a sharing operation of the round failed", e);
        }
        return round.size();
    }

    /** With one slot held: takes the free ones too, up to {@code batchSize} in all; returns how many are held. */
    private int moreSlots() {
        int free = 1 + slots.drainPermits();
        int held = Math.min(free, settings.batchSize());
        slots.release(free - held);
        return held;
    }

    /**
     * Claims up to {@code limit} operations, holding {@code limit} slots: each claimed operation keeps one until it
     * ends, the others are given back at once.
     */
    private List<CompletableFuture<Void>> claimAndSubmit(int limit) {
        synchronized (wakeUp) {
            wakeUpRequested = false;
        }
        List<SharingOperation> claimed;
        try {
            for (UUID deviceId : List.copyOf(cameInOnline)) {
                cameInOnline.remove(deviceId);
                int due = storage.sharingOperations().makeDue(deviceId, settings.clock().instant());
                if (due > 0) {
                    LOG.debug("camera {} online: {} operation(s) due now", deviceId, due);
                }
            }
            claimed = storage.sharingOperations().claimDue(settings.clock().instant(), settings.name(),
                    settings.leaseDuration(), limit);
        } catch (RuntimeException e) { // outermost loop: the database may come back
            LOG.warn("worker {} cannot claim sharing operations", settings.name(), e);
            slots.release(limit);
            return List.of();
        }
        slots.release(limit - claimed.size());
        List<CompletableFuture<Void>> submitted = new ArrayList<>(claimed.size());
        for (SharingOperation operation : claimed) {
            submitted.add(submit(operation));
        }
        return submitted;
    }

    /** Runs the operation on the pool, after the camera's operation submitted before it (if still running). */
    private CompletableFuture<Void> submit(SharingOperation operation) {
        UUID deviceId = operation.deviceId();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = lastOfCamera.put(deviceId, done);
        Runnable end = () -> {
            lastOfCamera.remove(deviceId, done);
            slots.release();
            done.complete(null);
        };
        Runnable start = () -> {
            try {
                executor.execute(() -> {
                    try {
                        work(operation);
                    } finally {
                        end.run();
                    }
                });
            } catch (RejectedExecutionException e) { // closed: the lease expires and another worker resumes it
                end.run();
            }
        };
        if (before == null) {
            start.run();
        } else {
            before.whenComplete((ignored, failure) -> start.run());
        }
        return done;
    }

    private void work(SharingOperation operation) {
        Optional<String> serialNumber = Optional.empty();
        try {
            serialNumber = storage.devices().find(operation.deviceId()).map(Device::serialNumber);
            SharingRun.Result result = process(operation, serialNumber);
            LOG.debug("sharing operation {} of camera {}: {}", operation.id(), serialNumber.orElse("?"), result);
            if (result == SharingRun.Result.TRANSFERRED) {
                storage.devices().find(operation.deviceId()).ifPresent(this::tellTransferred);
            }
        } catch (RuntimeException e) { // outermost: the lease expires and the operation is resumed
            LOG.error("sharing operation {} of camera {} failed unexpectedly", operation.id(),
                    serialNumber.orElse("?"), e);
        }
    }

    private void tellTransferred(Device device) {
        for (Consumer<Device> listener : transferListeners) {
            try {
                listener.accept(device);
            } catch (RuntimeException e) { // the transfer is recorded; a listener's failure changes nothing
                LOG.warn("transfer listener failed for camera {}", device.serialNumber(), e);
            }
        }
    }

    private SharingRun.Result process(SharingOperation operation, Optional<String> serialNumber) {
        Lease lease = operation.lease().orElseThrow();
        Instant now = settings.clock().instant();
        if (serialNumber.isEmpty()) {
            return fail(operation, lease, FailureReason.UNKNOWN_DEVICE + ": device " + operation.deviceId());
        }
        Optional<OnlineDevice> device = registry.online(serialNumber.get());
        if (device.isEmpty() && operation.state() == SharingOperationState.TRANSFERRING
                && TransferRun.awaitsOwnUplinkDeletion(storage.sharingOperations().steps(operation.id()))) {
            return new TransferRun(settings, storage, Optional.empty(), operation, serialNumber.get(), checkpoint)
                    .concludeWhileOffline();
        }
        if (device.isEmpty()) {
            // Kept for COMPENSATING: the failure reason is what the operation fails with in the end.
            String reason = operation.state() == SharingOperationState.COMPENSATING
                    ? operation.failureReason().orElse(RetryReason.CAMERA_OFFLINE.name())
                    : RetryReason.CAMERA_OFFLINE + ": camera " + serialNumber.get() + " has no uplink session";
            if (!storage.sharingOperations().retryLater(lease, reason, now.plus(settings.retryDelay()), now)) {
                return SharingRun.Result.LEASE_LOST;
            }
            audit(operation, "sharing.retry", "camera " + serialNumber.get() + " offline");
            return SharingRun.Result.RETRY_LATER;
        }
        if (operation.state() == SharingOperationState.TRANSFERRING) {
            return new TransferRun(settings, storage, Optional.of(device.get().client()), operation,
                    serialNumber.get(), checkpoint).revokeOwnAccess();
        }
        SharingRun run = new SharingRun(settings, storage, device.get().client(), operation, serialNumber.get(),
                checkpoint);
        if (operation.state() == SharingOperationState.COMPENSATING) {
            return run.compensate(operation.failureReason().orElse(FailureReason.CAMERA_FAULT.name()));
        }
        if (operation.state() == SharingOperationState.UNSHARING) {
            return run.unshare();
        }
        DeviceConfiguration configuration;
        try {
            configuration = StoredDeviceConfiguration.decode(settings.json(), operation.deviceConfiguration());
        } catch (WireFormatException | IllegalArgumentException e) {
            return fail(operation, lease, FailureReason.UNUSABLE_CONFIGURATION + ": " + e.getMessage());
        }
        return run.configure(new SharingPlan(configuration));
    }

    private SharingRun.Result fail(SharingOperation operation, Lease lease, String reason) {
        if (!storage.sharingOperations().fail(lease, reason, settings.clock().instant())) {
            return SharingRun.Result.LEASE_LOST;
        }
        audit(operation, "sharing.failed", reason);
        return SharingRun.Result.FAILED;
    }

    private void audit(SharingOperation operation, String action, String detail) {
        storage.auditLog().append(new AuditEvent(settings.clock().instant(), settings.name(), action,
                operation.id().toString(), detail));
    }

    /**
     * Stops claiming and waits (up to {@code leaseDuration}) for the operations in hand to end; an operation still
     * running then, or waiting for its camera's earlier one, is left to its lease, which expires.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = thread;
        }
        registry.removeOnlineListener(onlineListener);
        long deadline = System.nanoTime() + settings.leaseDuration().toNanos();
        if (running != null) {
            wakeUp();
            try {
                running.join(settings.leaseDuration().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn("worker {} closed with sharing operations still running", settings.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collaborators and settings. Required: {@link #storage}, {@link #registry}. */
    public static final class Builder {

        private Storage storage;
        private DeviceRegistry registry;
        private String name = "sharing-worker";
        private Clock clock = Clock.systemUTC();
        private Json json = new Json(JsonLimits.defaults());
        private Duration leaseDuration = Duration.ofMinutes(2);
        private Duration retryDelay = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofSeconds(1);
        private int batchSize = 32;
        private int parallelism = 32;
        private int keyStatusPolls = 50;
        private Duration keyStatusInterval = Duration.ofMillis(200);
        private RetrySchedule notificationSchedule = RetrySchedule.STANDARD;
        private Checkpoint checkpoint = Checkpoint.NONE;
        private OwnAccess ownAccess = OwnAccess.none();
        private final List<Consumer<Device>> transferListeners = new ArrayList<>();

        private Builder() {
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Where the worker finds cameras online and their uplinks. */
        public Builder registry(DeviceRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** The lease owner name: unique per worker (node and thread), 1 to 128 characters. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder json(Json value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /** How long a claimed operation stays leased without a step (default 2 min); renewed after each step. */
        public Builder leaseDuration(Duration value) {
            this.leaseDuration = Objects.requireNonNull(value, "leaseDuration");
            return this;
        }

        /** When an operation whose camera is offline or silent is due again (default 30 s). */
        public Builder retryDelay(Duration value) {
            this.retryDelay = Objects.requireNonNull(value, "retryDelay");
            return this;
        }

        /** The loop's pause when nothing was due (default 1 s). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = Objects.requireNonNull(value, "pollInterval");
            return this;
        }

        /** How many operations a round claims at most (default 32); never more than there are free slots. */
        public Builder batchSize(int value) {
            this.batchSize = value;
            return this;
        }

        /**
         * How many operations are worked on at once (default 32; the work waits mostly on cameras), 1 to 1024.
         * Each keeps one thread of the worker's pool.
         */
        public Builder parallelism(int value) {
            this.parallelism = value;
            return this;
        }

        /**
         * How long the CSR step waits for a key being generated: {@code (polls - 1) x interval} in all (default 50,
         * 200 ms: about 10 s), asking GetKeyStatus again after 10 ms, then twice as long each time up to
         * {@code interval}; with a zero interval, {@code polls} times at once.
         */
        public Builder keyStatusPolling(int polls, Duration interval) {
            this.keyStatusPolls = polls;
            this.keyStatusInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** The delivery schedule of deviceSharingCompleted (default {@link RetrySchedule#STANDARD}). */
        public Builder notificationSchedule(RetrySchedule value) {
            this.notificationSchedule = Objects.requireNonNull(value, "notificationSchedule");
            return this;
        }

        /**
         * What on a camera is this cloud's own, removed when a transfer is confirmed (default
         * {@link OwnAccess#none()}: a transfer then removes nothing, and the audit log says so).
         */
        public Builder ownAccess(OwnAccess value) {
            this.ownAccess = Objects.requireNonNull(value, "ownAccess");
            return this;
        }

        /**
         * Hears of each camera this worker transferred away (own access removed, recorded TRANSFERRED), with the
         * camera as recorded, on one of the worker's threads (possibly several at once), after the commit; e.g. to revoke what this node as an
         * Operational Cloud Service still grants the camera.
         */
        public Builder transferListener(Consumer<Device> listener) {
            this.transferListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** For tests: stops a worker at a chosen point of a run. */
        Builder checkpoint(Checkpoint value) {
            this.checkpoint = Objects.requireNonNull(value, "checkpoint");
            return this;
        }

        public SharingWorker build() {
            List<String> problems = new ArrayList<>();
            if (storage == null) {
                problems.add("storage is required");
            }
            if (registry == null) {
                problems.add("registry is required");
            }
            if (name.isBlank() || name.length() > 128) {
                problems.add("name must be 1 to 128 characters, not blank");
            }
            if (leaseDuration.toMillis() < 1) {
                problems.add("leaseDuration must be at least 1 ms");
            }
            if (retryDelay.isNegative()) {
                problems.add("retryDelay must not be negative");
            }
            if (pollInterval.toMillis() < 1) {
                problems.add("pollInterval must be at least 1 ms");
            }
            if (batchSize < 1) {
                problems.add("batchSize must be at least 1");
            }
            if (parallelism < 1 || parallelism > 1024) {
                problems.add("parallelism must be 1 to 1024");
            }
            if (keyStatusPolls < 1 || keyStatusInterval.isNegative()) {
                problems.add("keyStatusPolling needs at least 1 poll and a non-negative interval");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid sharing worker settings: " + String.join("; ", problems));
            }
            return new SharingWorker(this);
        }
    }
}
