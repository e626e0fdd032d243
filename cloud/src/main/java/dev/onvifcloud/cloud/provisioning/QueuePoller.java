package dev.onvifcloud.cloud.provisioning;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background threads that work through a leased database queue: every poll interval each thread runs rounds
 * (claim a batch under a lease, work it, record it) until a round claims less than a full batch. A round that
 * throws is logged and tried again at the next poll. Thread-safe; may be started again after {@link #close()}.
 */
public final class QueuePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);

    private final String name;
    private final int threads;
    private final Duration pollInterval;
    private final int batchSize;
    private final IntSupplier round;
    private final Duration closeWait;
    private Optional<ScheduledExecutorService> pool = Optional.empty();

    /**
     * @param name for thread names and logs, e.g. {@code notifier}
     * @param threads how many threads poll the queue
     * @param pollInterval the pause between one thread's polls
     * @param batchSize the most a round claims: a round that claimed this many is followed by another at once
     * @param round claims and works one batch; returns how many it claimed
     * @param closeWait how long {@link #close()} waits for a round in progress before interrupting it
     */
    public QueuePoller(String name, int threads, Duration pollInterval, int batchSize, IntSupplier round,
            Duration closeWait) {
        this.name = Objects.requireNonNull(name, "name");
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batchSize must be at least 1");
        }
        this.threads = threads;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        this.batchSize = batchSize;
        this.round = Objects.requireNonNull(round, "round");
        this.closeWait = Objects.requireNonNull(closeWait, "closeWait");
    }

    /** @throws IllegalStateException when it is running already */
    public synchronized void start() {
        if (pool.isPresent()) {
            throw new IllegalStateException("already started");
        }
        AtomicInteger started = new AtomicInteger();
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(threads, task -> {
            Thread thread = new Thread(task, name + "-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            executor.scheduleWithFixedDelay(this::drain, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        pool = Optional.of(executor);
    }

    /** Stops the threads, waiting for rounds in progress for up to the close wait, then interrupting them. */
    @Override
    public synchronized void close() {
        pool.ifPresent(executor -> {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        });
        pool = Optional.empty();
    }

    /** The outermost loop of a thread: rounds until the queue has no more due now. */
    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted() && round.getAsInt() == batchSize) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: claiming or recording failed, trying again in {}: {}", name, pollInterval, e.toString());
        }
    }
}
