package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.provisioning.AddressRefusal;
import dev.onvifcloud.cloud.provisioning.AddressRefusedException;
import dev.onvifcloud.cloud.provisioning.PinnedAddress;
import dev.onvifcloud.cloud.provisioning.PinnedHttpsClient;
import dev.onvifcloud.cloud.provisioning.QueuePoller;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.Lease;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.AuthorizationServerConfiguration;
import dev.onvifcloud.protocol.Base64Der;
import dev.onvifcloud.protocol.CertPathValidationPolicy;
import dev.onvifcloud.protocol.DeviceConfiguration;
import dev.onvifcloud.protocol.DeviceSharingError;
import dev.onvifcloud.protocol.Json;
import dev.onvifcloud.protocol.JsonLimits;
import dev.onvifcloud.protocol.StartDeviceSharing;
import dev.onvifcloud.protocol.UplinkConfiguration;
import dev.onvifcloud.protocol.WireFormatException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code startDeviceSharing} (Cloud Integration 25.12, 5.1) for the PENDING cameras, from the database: a
 * restarted process sends again whatever the PCS has not acknowledged.
 *
 * <p>Due cameras are claimed under a lease, grouped by {@code onvif:xaddr} and sent in batches of at most
 * {@link OperationalSettings#batchSize()} to {@code {xaddr}/startDeviceSharing}, each with its device configuration:
 * the share token, our uplink, our authorization server with the camera's client id, one certification path
 * validation policy whose trust anchor is our TLS CA, and our {@code deviceSharingCompleted} endpoints. The xaddr is
 * checked with the outbound address policy before every request and the connection goes to the address it pinned.
 *
 * <p>{@code 2xx}: SHARING_REQUESTED. {@code 400}: the PCS refuses the whole request at its first problem, so a batch
 * of several is sent again one camera at a time, and a camera refused alone is FAILED with the PCS's {@code error}.
 * Any other status, or no answer: the cameras stay PENDING, due again after the retry schedule's delay, until its
 * {@code giveUpAfter} (counted from when the camera was added) has passed: then FAILED. Every outcome is audited.
 *
 * <p>Besides polling, {@link #wakeUp()} (e.g. after cameras were added) makes up to {@value #SENDERS} threads
 * claim and send at once; concurrent rounds never claim the same camera (the lease).
 */
public final class SharingRequester implements AutoCloseable {

    public static final String START_DEVICE_SHARING = "/startDeviceSharing";
    public static final String AUDIT_REQUESTED = "ocs-camera.sharing-requested";
    public static final String AUDIT_FAILED = "ocs-camera.sharing-failed";
    public static final String AUDIT_RETRY = "ocs-camera.sharing-retry";

    private static final Logger LOG = LoggerFactory.getLogger(SharingRequester.class);
    private static final Set<String> HTTPS = Set.of("https");
    private static final Set<AddressRefusal> PERMANENT = Set.of(
            AddressRefusal.SCHEME_NOT_ALLOWED, AddressRefusal.INVALID_AUTHORITY);
    private static final int MAX_REASON = 200;
    /** How many rounds (requests) a wake-up runs at once. */
    static final int SENDERS = 4;

    private final Storage storage;
    private final OperationalSettings settings;
    private final Json json = new Json(JsonLimits.defaults());
    private final PinnedHttpsClient client;
    private final String actor;
    private final QueuePoller poller;
    private final Base64Der trustAnchor;
    private final AtomicInteger wakeUpsPending = new AtomicInteger();
    private volatile ExecutorService senders; // while started

    /**
     * @throws IllegalStateException when the HTTP trust anchors or our TLS CA certificate are unusable
     */
    public SharingRequester(Storage storage, OperationalSettings settings) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new PinnedHttpsClient(tls(settings.httpTrustAnchors()), settings.connectTimeout(),
                settings.requestTimeout(), settings.maxResponseBytes());
        this.actor = "sharing-requester:" + settings.leaseOwner();
        try {
            this.trustAnchor = Base64Der.of(settings.tlsCaCertificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("tlsCaCertificate cannot be encoded", e);
        }
        this.poller = new QueuePoller(actor, 1, settings.pollInterval(), settings.batchSize(), this::requestDue,
                settings.connectTimeout().plus(settings.requestTimeout()));
    }

    /**
     * Claims one round of due cameras and sends their requests; returns how many were claimed. What the background
     * worker does; tests call it to step the queue.
     */
    public int requestDue() {
        int limit = settings.batchSize();
        List<OcsCamera> claimed = storage.ocsCameras().claimDue(settings.clock().instant(), settings.leaseOwner(),
                settings.leaseDuration(), limit);
        Map<String, List<OcsCamera>> byXaddr = new LinkedHashMap<>();
        for (OcsCamera camera : claimed) {
            byXaddr.computeIfAbsent(base(camera.xaddr()), key -> new ArrayList<>()).add(camera);
        }
        byXaddr.forEach((xaddr, cameras) -> send(URI.create(xaddr + START_DEVICE_SHARING), cameras));
        return claimed.size();
    }

    /** Starts the background worker, polling every {@link OperationalSettings#pollInterval()}. */
    public synchronized SharingRequester start() {
        poller.start();
        AtomicInteger started = new AtomicInteger();
        senders = Executors.newFixedThreadPool(SENDERS, task -> {
            Thread thread = new Thread(task, actor + "-sender-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return this;
    }

    /**
     * Makes the started worker look for due cameras now instead of at its next poll, with up to {@value #SENDERS}
     * concurrent rounds; does nothing when it is not started. Wake-ups during rounds are coalesced.
     */
    public void wakeUp() {
        ExecutorService executor = senders;
        if (executor == null) {
            return;
        }
        int pending;
        do {
            pending = wakeUpsPending.get();
            if (pending >= SENDERS) {
                return; // enough rounds queued: they will see what was just added
            }
        } while (!wakeUpsPending.compareAndSet(pending, pending + 1));
        try {
            executor.execute(this::drainAfterWakeUp);
        } catch (RejectedExecutionException e) { // closing
            wakeUpsPending.decrementAndGet();
        }
    }

    private void drainAfterWakeUp() {
        wakeUpsPending.decrementAndGet();
        try {
            while (!Thread.currentThread().isInterrupted() && requestDue() == settings.batchSize()) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) { // outermost: the poller tries again
            LOG.warn("{}: claiming or recording failed after a wake-up: {}", actor, e.toString());
        }
    }

    /** Stops the worker, waiting for a round in progress for up to the request timeout; closes idle connections. */
    @Override
    public synchronized void close() {
        poller.close();
        ExecutorService executor = senders;
        senders = null;
        if (executor != null) {
            executor.shutdown();
            try {
                Duration wait = settings.connectTimeout().plus(settings.requestTimeout());
                if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        client.close(); // usable again when started again
    }

    /** One request for cameras of the same PCS. */
    private void send(URI target, List<OcsCamera> cameras) {
        PinnedAddress pinned;
        try {
            pinned = settings.addressPolicy().check(target, HTTPS);
        } catch (AddressRefusedException e) {
            String error = "xaddr refused by the outbound address policy: " + e.reason();
            if (PERMANENT.contains(e.reason())) {
                cameras.forEach(camera -> fail(camera, error));
            } else {
                cameras.forEach(camera -> retry(camera, error));
            }
            return;
        }
        byte[] body = json.write(new StartDeviceSharing(cameras.stream().map(this::configuration).toList()));
        PinnedHttpsClient.Outcome outcome = client.postJson(pinned, body);
        if (!(outcome instanceof PinnedHttpsClient.Answered answer)) {
            String error = failure((PinnedHttpsClient.Failed) outcome);
            cameras.forEach(camera -> retry(camera, error));
            return;
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            cameras.forEach(camera -> requested(camera, status));
        } else if (status == 400 && cameras.size() > 1) {
            LOG.info("startDeviceSharing to {} refused for a batch of {}: sending one camera at a time", target,
                    cameras.size());
            cameras.forEach(camera -> send(target, List.of(camera)));
        } else if (status == 400) {
            fail(cameras.get(0), pcsError(answer.body()));
        } else {
            cameras.forEach(camera -> retry(camera, "HTTP " + status));
        }
    }

    /** The device configuration we ask the PCS to put on the camera. */
    DeviceConfiguration configuration(OcsCamera camera) {
        String alias = settings.policyAlias();
        return new DeviceConfiguration(camera.shareToken().orElseThrow(() ->
                new IllegalStateException("camera " + camera.id() + " has no share token")),
                settings.endpointReferences(),
                List.of(new UplinkConfiguration(settings.uplinkAddress(), settings.userLevel(), alias)),
                List.of(new AuthorizationServerConfiguration(settings.authorizationServer(), camera.clientId(),
                        settings.scope(), alias)),
                List.of(new CertPathValidationPolicy(alias, List.of(trustAnchor))));
    }

    private void requested(OcsCamera camera, int status) {
        Lease lease = camera.lease().orElseThrow();
        Instant now = settings.clock().instant();
        boolean recorded = storage.inTransaction(transaction -> {
            if (!transaction.ocsCameras().sharingRequested(lease, now)) {
                return false;
            }
            transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_REQUESTED, camera.id().toString(),
                    "xaddr=" + camera.xaddr() + " status=" + status + " attempt=" + camera.attempts()));
            return true;
        });
        if (!recorded) {
            LOG.warn("camera {}: startDeviceSharing acknowledged but the lease was lost", camera.id());
        }
    }

    private void fail(OcsCamera camera, String reason) {
        Lease lease = camera.lease().orElseThrow();
        Instant now = settings.clock().instant();
        boolean recorded = storage.inTransaction(transaction -> {
            if (!transaction.ocsCameras().sharingFailed(lease, reason, now)) {
                return false;
            }
            transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_FAILED, camera.id().toString(),
                    "xaddr=" + camera.xaddr() + " attempt=" + camera.attempts() + " reason=" + reason));
            return true;
        });
        if (recorded) {
            LOG.warn("camera {} ({}): sharing failed: {}", camera.id(), camera.serialNumber(), reason);
        }
    }

    private void retry(OcsCamera camera, String error) {
        Instant now = settings.clock().instant();
        Duration delay = settings.retrySchedule().delayAfter(Math.max(1, camera.attempts()));
        Instant next = now.plus(delay);
        if (next.isAfter(camera.created().plus(settings.retrySchedule().giveUpAfter()))) {
            fail(camera, "no answer from the PCS after " + camera.attempts() + " attempt(s): " + error);
            return;
        }
        Lease lease = camera.lease().orElseThrow();
        storage.inTransaction(transaction -> {
            if (transaction.ocsCameras().retryLater(lease, error, next, now)) {
                transaction.auditLog().append(new AuditEvent(now, actor, AUDIT_RETRY, camera.id().toString(),
                        "xaddr=" + camera.xaddr() + " attempt=" + camera.attempts() + " error=" + error
                                + " retry-in=" + delay));
            }
            return null;
        });
        LOG.info("camera {}: startDeviceSharing attempt {} failed ({}), next in {}", camera.id(), camera.attempts(),
                error, delay);
    }

    /** The PCS's {@code error}, or a bounded, printable start of what it sent instead. */
    private String pcsError(byte[] body) {
        try {
            return json.read(body, DeviceSharingError.class).error().wireName();
        } catch (WireFormatException | RuntimeException e) {
            String text = new String(body, StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7E]", "?");
            text = text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
            return text.isBlank() ? "HTTP 400" : "HTTP 400: " + text;
        }
    }

    /** Why there was no answer, for the camera's last error and the audit log. */
    private static String failure(PinnedHttpsClient.Failed failed) {
        return switch (failed.failure()) {
            case CONNECT_TIMED_OUT, TIMED_OUT -> "timed out";
            case TLS_FAILED -> "TLS failed: " + failed.detail();
            case HOST_NOT_USABLE, BAD_RESPONSE -> failed.detail();
            case CONNECT_FAILED, CONNECTION_LOST -> "connection failed: " + failed.detail();
        };
    }

    private static String base(URI xaddr) {
        String text = xaddr.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static SSLContext tls(List<X509Certificate> anchors) {
        try {
            return PinnedHttpsClient.trusting(anchors);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("httpTrustAnchors are unusable: " + e.getMessage(), e);
        }
    }
}
