package dev.onvifcloud.cloud.notification;

import dev.onvifcloud.cloud.provisioning.AddressRefusal;
import dev.onvifcloud.cloud.provisioning.AddressRefusedException;
import dev.onvifcloud.cloud.provisioning.OutboundAddressPolicy;
import dev.onvifcloud.cloud.provisioning.PinnedAddress;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient;
import dev.onvifcloud.cloud.provisioning.QueuePoller;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.NewNotification;
import dev.onvifcloud.cloud.storage.Notification;
import dev.onvifcloud.cloud.storage.NotificationState;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.DeviceSharingCompleted;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code deviceSharingCompleted} (Cloud Integration 25.12, 5.2) to the Operational Cloud Service: the
 * durable queue of the {@code NotificationStore}, worked through by {@link NotifierSettings#workers()} threads,
 * each making the attempts of the batch it claimed up to four at once.
 *
 * <p>Each worker claims due notifications under a lease and makes one <em>attempt</em> per notification: it
 * {@code POST}s the stored body ({@code {"shareToken":...,"devicePublicKey":...}}, {@code application/json})
 * to each of the operation's {@code endpointReferences} in order until one answers 2xx (failover within the
 * attempt). Before each connection the endpoint is checked again with the {@link OutboundAddressPolicy} (https
 * only, no forbidden address) and the connection goes to the address it pinned; TLS is verified against the
 * configured trust anchors (default: the JDK's), with SNI and the name check on the URI's host. When no
 * endpoint takes it, the attempt fails and the notification is due again after the {@link JitteredSchedule}'s
 * delay, until its period is over: then it is a dead letter, kept until replayed. Endpoints that can never
 * work (none https, or without a valid authority) dead-letter it at once. Every attempt is in the audit log
 * (subject: the notification id). The share token is never logged or audited.
 *
 * <p>Recording a delivery also records the Operational Cloud Service's confirmation: a transfer becomes
 * TRANSFERRING in the same transaction ({@code SharingOperationStore.confirm}), for the sharing worker to remove
 * this cloud's own access; {@linkplain Builder#deliveryListener delivery listeners} hear of it after the commit.
 *
 * <p>At least once: a worker that dies between a 2xx and recording it leaves the notification to be sent again
 * once its lease ends.
 */
public final class DeviceSharingCompletedNotifier implements AutoCloseable {

    public static final String AUDIT_QUEUED = "notification.queued";
    public static final String AUDIT_DELIVERED = "notification.delivered";
    public static final String AUDIT_ATTEMPT_FAILED = "notification.attempt-failed";
    public static final String AUDIT_DEAD = "notification.dead-lettered";
    /** A transfer's OCS confirmed it: the operation is TRANSFERRING (subject: the operation id). */
    public static final String AUDIT_TRANSFER_CONFIRMED = "transfer.confirmed";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSharingCompletedNotifier.class);
    private static final int ATTEMPTS_PER_WORKER = 4;
    private static final Set<String> HTTPS = Set.of("https");
    private static final Set<AddressRefusal> PERMANENT = Set.of(
            AddressRefusal.SCHEME_NOT_ALLOWED, AddressRefusal.INVALID_AUTHORITY);

    private final Storage storage;
    private final OutboundAddressPolicy addressPolicy;
    private final Clock clock;
    private final Json json;
    private final NotifierSettings settings;
    private final PinnedHttpsClient client;
    private final String actor;
    private final QueuePoller poller;
    private final List<Consumer<Notification>> deliveryListeners;
    /** Attempts of a claimed batch run on these, {@value #ATTEMPTS_PER_WORKER} per worker at once. */
    private final ThreadPoolExecutor attempts;

    private DeviceSharingCompletedNotifier(Builder builder, SSLContext tls) {
        this.storage = builder.storage;
        this.addressPolicy = builder.addressPolicy;
        this.clock = builder.clock;
        this.json = builder.json;
        this.settings = builder.settings;
        int threads = settings.workers() * ATTEMPTS_PER_WORKER;
        PinnedHttpsClient.KeepAlive keepAlive = PinnedHttpsClient.KeepAlive.DEFAULT; // one kept per attempt at once
        this.client = new PinnedHttpsClient(tls, settings.connectTimeout(), settings.requestTimeout(),
                settings.maxResponseBytes(),
                keepAlive.withMaxIdlePerTarget(Math.max(threads, keepAlive.maxIdlePerTarget())));
        this.actor = "notifier:" + settings.leaseOwner();
        this.deliveryListeners = List.copyOf(builder.deliveryListeners);
        this.poller = new QueuePoller(actor, settings.workers(), settings.pollInterval(), settings.batchSize(),
                this::deliverDue, settings.connectTimeout().plus(settings.requestTimeout()));
        AtomicInteger started = new AtomicInteger();
        this.attempts = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, actor + "-attempt-" + started.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        attempts.allowCoreThreadTimeOut(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    public NotifierSettings settings() {
        return settings;
    }

    /**
     * Queues {@code deviceSharingCompleted} for a sharing operation, due now, with an audit entry.
     *
     * @param endpoints the configuration's {@code endpointReferences}, tried in this order
     * @throws dev.onvifcloud.cloud.storage.StorageConstraintException UNIQUE when the operation has one already
     */
    public Notification enqueue(UUID operationId, List<URI> endpoints, DeviceSharingCompleted message) {
        Objects.requireNonNull(message, "message");
        NewNotification notification = new NewNotification(UUID.randomUUID(), operationId, endpoints,
                new String(json.write(message), StandardCharsets.UTF_8));
        Instant now = clock.instant();
        return storage.inTransaction(transaction -> {
            Notification queued = transaction.notifications().enqueue(notification, settings.schedule().schedule(), now);
            transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_QUEUED, queued.id().toString(),
                    "operation=" + operationId + " endpoints=" + shown(endpoints)));
            return queued;
        });
    }

    /**
     * Claims one batch of due notifications and makes one attempt for each, several at once, and waits for them;
     * returns how many were claimed. What the background workers do; tests call it to step the queue.
     */
    public int deliverDue() {
        List<Notification> claimed = storage.notifications().claimDue(
                clock.instant(), settings.leaseOwner(), settings.leaseDuration(), settings.batchSize());
        if (claimed.size() == 1) {
            attempt(claimed.get(0));
            return 1;
        }
        List<Future<?>> running = new ArrayList<>(claimed.size());
        for (Notification notification : claimed) {
            try {
                running.add(attempts.submit(() -> attemptLogged(notification)));
            } catch (RejectedExecutionException e) { // closed: the lease expires and it is attempted again
                LOG.debug("notification {} left to its lease: closed", notification.id());
            }
        }
        for (Future<?> attempt : running) {
            try {
                attempt.get();
            } catch (InterruptedException e) { // closing: unfinished attempts are left to their leases
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                LOG.warn("notification attempt failed unexpectedly", e.getCause());
            }
        }
        return claimed.size();
    }

    /** An attempt whose unexpected failure is logged; the notification is attempted again when its lease ends. */
    private void attemptLogged(Notification notification) {
        try {
            attempt(notification);
        } catch (RuntimeException e) { // outermost on this thread
            LOG.warn("attempt of notification {} failed unexpectedly", notification.id(), e);
        }
    }

    /** Starts the workers. */
    public DeviceSharingCompletedNotifier start() {
        poller.start();
        return this;
    }

    /** Stops the workers, waiting for attempts in progress for up to the request timeout; closes idle connections. */
    @Override
    public void close() {
        poller.close(); // the attempts' idle threads end by themselves; a started-again notifier reuses them
        client.close(); // usable again when started again
    }

    /** One attempt: every endpoint in order until one takes it, then recorded with its audit entry. */
    void attempt(Notification notification) {
        Lease lease = notification.lease().orElseThrow(() -> new IllegalArgumentException("not claimed"));
        byte[] body = notification.payload().getBytes(StandardCharsets.UTF_8);
        Duration needed = settings.connectTimeout().plus(settings.requestTimeout());
        List<EndpointAttempt> tried = new ArrayList<>();
        boolean permanent = true;
        for (URI endpoint : notification.endpoints()) {
            if (Duration.between(clock.instant(), lease.until()).compareTo(needed) < 0) {
                tried.add(EndpointAttempt.failed(endpoint, DeliveryFailure.TIMED_OUT, "lease ending"));
                permanent = false;
                break;
            }
            EndpointAttempt result;
            try {
                PinnedAddress pinned = addressPolicy.check(endpoint, HTTPS);
                result = endpointAttempt(endpoint, client.postJson(pinned, body));
                permanent = false;
            } catch (AddressRefusedException e) {
                result = EndpointAttempt.failed(endpoint, DeliveryFailure.ADDRESS_REFUSED, e.reason().name());
                permanent &= PERMANENT.contains(e.reason());
            }
            tried.add(result);
            if (result.isAccepted()) {
                recordDelivered(notification, lease, result, tried);
                return;
            }
        }
        recordFailed(notification, lease, tried, permanent);
    }

    /** What one endpoint did, in the terms of the notification queue. */
    private static EndpointAttempt endpointAttempt(URI endpoint, PinnedHttpsClient.Outcome outcome) {
        if (outcome instanceof PinnedHttpsClient.Answered answered) {
            int status = answered.status();
            return status < 300 ? EndpointAttempt.accepted(endpoint, status)
                    : EndpointAttempt.refusedStatus(endpoint, status);
        }
        PinnedHttpsClient.Failed failed = (PinnedHttpsClient.Failed) outcome;
        DeliveryFailure failure = switch (failed.failure()) {
            case CONNECT_TIMED_OUT, CONNECT_FAILED -> DeliveryFailure.CONNECT_FAILED;
            case HOST_NOT_USABLE -> DeliveryFailure.ADDRESS_REFUSED;
            case TLS_FAILED -> DeliveryFailure.TLS_FAILED;
            case TIMED_OUT -> DeliveryFailure.TIMED_OUT;
            case CONNECTION_LOST -> DeliveryFailure.CONNECTION_LOST;
            case BAD_RESPONSE -> DeliveryFailure.BAD_RESPONSE;
        };
        return EndpointAttempt.failed(endpoint, failure, failed.detail());
    }

    private void recordDelivered(Notification notification, Lease lease, EndpointAttempt accepted,
            List<EndpointAttempt> tried) {
        Instant now = clock.instant();
        boolean recorded = storage.inTransaction(transaction -> {
            if (!transaction.notifications().delivered(lease, accepted.endpoint(), now)) {
                return false;
            }
            transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_DELIVERED, notification.id().toString(),
                    detail(notification, tried)));
            // The OCS confirmed: a transfer goes on to remove our own access, together with the delivery or not at all.
            if (transaction.sharingOperations().confirm(notification.operationId(), now)) {
                transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_TRANSFER_CONFIRMED,
                        notification.operationId().toString(), "notification=" + notification.id()));
            }
            return true;
        });
        if (recorded) {
            for (Consumer<Notification> listener : deliveryListeners) {
                try {
                    listener.accept(notification);
                } catch (RuntimeException e) { // the delivery is recorded; a listener's failure changes nothing
                    LOG.warn("delivery listener failed for notification {}", notification.id(), e);
                }
            }
            LOG.info("deviceSharingCompleted {} for operation {} delivered to {} (attempt {})", notification.id(),
                    notification.operationId(), EndpointAttempt.shown(accepted.endpoint()), notification.attempts());
        } else {
            LOG.warn("deviceSharingCompleted {} delivered to {} but its lease was lost: it may be sent again",
                    notification.id(), EndpointAttempt.shown(accepted.endpoint()));
        }
    }

    private void recordFailed(Notification notification, Lease lease, List<EndpointAttempt> tried, boolean permanent) {
        Instant now = clock.instant();
        JitteredSchedule schedule = settings.schedule();
        Duration delay = permanent
                ? Duration.between(now, notification.deadline()).plusSeconds(1)
                : schedule.delayAfter(Math.max(1, notification.attempts()), ThreadLocalRandom.current());
        if (delay.isNegative() || delay.isZero()) {
            delay = Duration.ofSeconds(1);
        }
        String error = tried.stream()
                .map(attempt -> EndpointAttempt.shown(attempt.endpoint()) + ": "
                        + attempt.failure().map(Enum::name).orElse("OK") + " (" + attempt.detail() + ")")
                .collect(Collectors.joining("; "));
        Duration wait = delay;
        Optional<NotificationState> state = storage.inTransaction(transaction -> {
            Optional<NotificationState> to = transaction.notifications()
                    .attemptFailed(lease, error, schedule.exactly(wait), now);
            to.ifPresent(next -> transaction.auditLog().append(new AuditEvent(now, actor,
                    next == NotificationState.DEAD ? AUDIT_DEAD : AUDIT_ATTEMPT_FAILED, notification.id().toString(),
                    detail(notification, tried) + (next == NotificationState.DEAD ? "" : " retry-in=" + wait))));
            return to;
        });
        if (state.isEmpty()) {
            LOG.warn("deviceSharingCompleted {}: lease lost before the failed attempt was recorded", notification.id());
        } else if (state.get() == NotificationState.DEAD) {
            LOG.warn("deviceSharingCompleted {} for operation {} is a dead letter after {} attempt(s): {}",
                    notification.id(), notification.operationId(), notification.attempts(), error);
        } else {
            LOG.info("deviceSharingCompleted {} attempt {} failed, next in {}: {}", notification.id(),
                    notification.attempts(), wait, error);
        }
    }

    private static String detail(Notification notification, List<EndpointAttempt> tried) {
        return "operation=" + notification.operationId() + " attempt=" + notification.attempts() + " "
                + tried.stream()
                        .map(attempt -> "endpoint=" + EndpointAttempt.shown(attempt.endpoint()) + " "
                                + attempt.failure().map(Enum::name).orElse("ACCEPTED") + " (" + attempt.detail() + ")")
                        .collect(Collectors.joining(", "));
    }

    private static String shown(List<URI> endpoints) {
        return endpoints.stream().map(EndpointAttempt::shown).collect(Collectors.joining(","));
    }

    /**
     * Collaborators and settings. Required: {@link #storage}. Defaults: {@link OutboundAddressPolicy#strict()},
     * {@link Clock#systemUTC()}, {@link NotifierSettings#defaults()}, the JDK's trust anchors, the codec with
     * {@link JsonLimits#defaults()}.
     */
    public static final class Builder {

        private Storage storage;
        private OutboundAddressPolicy addressPolicy = OutboundAddressPolicy.strict();
        private Clock clock = Clock.systemUTC();
        private NotifierSettings settings = NotifierSettings.defaults();
        private Optional<List<X509Certificate>> trustAnchors = Optional.empty();
        private Json json = new Json(JsonLimits.defaults());
        private final List<Consumer<Notification>> deliveryListeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * Called after each recorded delivery, on the delivering thread, e.g. to wake the sharing worker that
         * removes our access once a transfer is confirmed; should return quickly.
         */
        public Builder deliveryListener(Consumer<Notification> listener) {
            this.deliveryListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public Builder storage(Storage value) {
            this.storage = Objects.requireNonNull(value, "storage");
            return this;
        }

        /** Checks (and pins) each endpoint again at send time; use the one {@code startDeviceSharing} used. */
        public Builder addressPolicy(OutboundAddressPolicy value) {
            this.addressPolicy = Objects.requireNonNull(value, "addressPolicy");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder settings(NotifierSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Trusts only these certificates for the OCS endpoints, instead of the JDK's trust anchors. */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = Optional.of(List.copyOf(anchors));
            return this;
        }

        public Builder json(Json value) {
            this.json = Objects.requireNonNull(value, "json");
            return this;
        }

        /** @throws IllegalStateException naming every missing or unusable setting */
        public DeviceSharingCompletedNotifier build() {
            List<String> problems = new ArrayList<>();
            if (storage == null) {
                problems.add("storage is required");
            }
            if (trustAnchors.isPresent() && trustAnchors.get().isEmpty()) {
                problems.add("trustAnchors must hold at least one certificate");
            }
            SSLContext tls = null;
            try {
                tls = tls(trustAnchors);
            } catch (GeneralSecurityException | java.io.IOException e) {
                problems.add("trustAnchors are unusable: " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("; ", problems));
            }
            return new DeviceSharingCompletedNotifier(this, tls);
        }

        private static SSLContext tls(Optional<List<X509Certificate>> anchors)
                throws GeneralSecurityException, java.io.IOException {
            return PinnedHttpsClient.trusting(anchors.orElse(List.of()));
        }
    }
}
