package dev.onvifcloud.cloud.node;

import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's health, as {@code GET /health} answers it to load balancers and orchestrators (no authentication):
 * {@code 200 {"status":"up","checks":{"database":"up"}}} when the database answered a trivial query within the
 * {@code timeout}, else {@code 503 {"status":"down","checks":{"database":"down"}}}. The body never says why: the
 * reason (exception, timeout) is logged at WARN when the database goes down, and at INFO when it is up again, once
 * per change.
 *
 * <p>An answer is kept for {@code cacheFor} (by the injected clock), so a storm of probes runs the query at most once
 * per interval; probes that arrive while a query runs share it. The query runs on {@code probes}, never on the API's
 * threads, and a response never waits longer than {@code timeout} for it; while a query that timed out still hangs,
 * no second one starts and the node stays down.
 */
public final class HealthCheck {

    /** The path of the route. */
    public static final String PATH = "/health";
    /** How long a node waits for its database by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** How long an answer is kept by default. */
    public static final Duration DEFAULT_CACHE_FOR = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    /** No account has the nil UUID: looking it up is one primary-key read that finds nothing. */
    private static final UUID NO_ACCOUNT = new UUID(0, 0);

    /** One check of the database: returns when the database answered, throws when it did not. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    /** The state of the node or of one of its checks. */
    public enum Status {
        UP, DOWN;

        /** As in the JSON body: {@code up}, {@code down}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Answer(Status status, Instant until) {
    }

    private final Probe database;
    private final Clock clock;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Executor probes;
    private final Object lock = new Object();
    private Optional<Answer> cached = Optional.empty();
    private Optional<CompletableFuture<Status>> pending = Optional.empty();
    private boolean probeRunning;
    private Status reported = Status.UP;

    /**
     * @param database the check of the database
     * @param clock decides when a kept answer is stale
     * @param timeout how long a response waits for the check, positive
     * @param cacheFor how long an answer is kept, zero or positive
     * @param probes where the check runs (at most one at a time); a rejected check counts as down
     */
    public HealthCheck(Probe database, Clock clock, Duration timeout, Duration cacheFor, Executor probes) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("cacheFor must not be negative, not " + cacheFor);
        }
        this.probes = Objects.requireNonNull(probes, "probes");
    }

    /**
     * The check of a node's database, with {@link #DEFAULT_TIMEOUT} and {@link #DEFAULT_CACHE_FOR}; each query runs
     * on a daemon thread of its own (at most one at a time, at most one per {@link #DEFAULT_CACHE_FOR}).
     */
    public static HealthCheck forDatabase(Storage storage, Clock clock) {
        return new HealthCheck(databaseProbe(storage), clock, DEFAULT_TIMEOUT, DEFAULT_CACHE_FOR, runnable -> {
            Thread thread = new Thread(runnable, "health-check");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * A trivial query on the storage's connection pool: one primary-key read of an account that does not exist. (The
     * storage layer lends no raw connection, so {@code Connection.isValid} is out of reach; this read also fails when
     * the schema is missing.)
     */
    public static Probe databaseProbe(Storage storage) {
        Objects.requireNonNull(storage, "storage");
        return () -> storage.accounts().find(NO_ACCOUNT);
    }

    /** {@code GET /health}: no authentication, no body; like every response, not cached ({@code no-store}). */
    public Route route() {
        return Route.get(PATH, request -> check().thenApply(HealthCheck::response));
    }

    /**
     * The node's status: the kept answer if it is fresh, else the answer of the check in progress or of a new one;
     * {@link Status#DOWN} at the latest after {@code timeout}. Never completes exceptionally.
     */
    public CompletableFuture<Status> check() {
        CompletableFuture<Status> answer;
        synchronized (lock) {
            Instant now = clock.instant();
            if (cached.isPresent() && now.isBefore(cached.get().until())) {
                return CompletableFuture.completedFuture(cached.get().status());
            }
            if (pending.isPresent()) {
                return pending.get().copy();
            }
            if (probeRunning) {
                cached = Optional.of(new Answer(Status.DOWN, now.plus(cacheFor)));
                return CompletableFuture.completedFuture(Status.DOWN);
            }
            answer = new CompletableFuture<>();
            pending = Optional.of(answer);
            probeRunning = true;
        }
        CompletableFuture<Void> probe = new CompletableFuture<>();
        probe.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ignored, failure) -> answer.complete(settle(Optional.ofNullable(failure))));
        try {
            probes.execute(() -> run(probe));
        } catch (RejectedExecutionException e) {
            probeEnded();
            probe.completeExceptionally(e);
        }
        return answer.copy();
    }

    private void run(CompletableFuture<Void> probe) {
        Optional<Exception> failure = Optional.empty();
        try {
            database.run();
        } catch (Exception e) {
            failure = Optional.of(e);
        } finally { // after an Error, the check times out: down
            probeEnded();
        }
        failure.ifPresentOrElse(probe::completeExceptionally, () -> probe.complete(null));
    }

    private void probeEnded() {
        synchronized (lock) {
            probeRunning = false;
        }
    }

    /** Keeps the outcome of a check and logs a change of state. */
    private Status settle(Optional<Throwable> failure) {
        Status status = failure.isEmpty() ? Status.UP : Status.DOWN;
        boolean changed;
        synchronized (lock) {
            pending = Optional.empty();
            cached = Optional.of(new Answer(status, clock.instant().plus(cacheFor)));
            changed = status != reported;
            reported = status;
        }
        if (changed && status == Status.UP) {
            LOG.info("health: the database answers again");
        } else if (changed && failure.get() instanceof TimeoutException) {
            LOG.warn("health: down, the database did not answer within {}", timeout);
        } else if (changed) {
            LOG.warn("health: down, the database check failed", failure.get());
        }
        return status;
    }

    private static ApiResponse response(Status status) {
        String body = "{\"status\":\"" + status.wire() + "\",\"checks\":{\"database\":\"" + status.wire() + "\"}}";
        return ApiResponse.json(status == Status.UP ? 200 : 503, body.getBytes(StandardCharsets.UTF_8));
    }
}
