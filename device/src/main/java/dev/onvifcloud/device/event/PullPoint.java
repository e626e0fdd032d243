package dev.onvifcloud.device.event;

import dev.onvifcloud.soap.events.NotificationMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One pull point subscription: the messages that matched its filter, waiting to be pulled, and at most one
 * PullMessages waiting for messages. Thread-safe.
 */
final class PullPoint {

    private final String id;
    private final Predicate<NotificationMessage> filter;
    private final int capacity;
    private final Deque<NotificationMessage> queue = new ArrayDeque<>();
    private Instant terminationTime;
    private Waiter waiter;
    private boolean closed;

    private record Waiter(CompletableFuture<List<NotificationMessage>> result, int limit, ScheduledFuture<?> timeout) {
    }

    PullPoint(String id, Predicate<NotificationMessage> filter, int capacity, Instant terminationTime) {
        this.id = id;
        this.filter = filter;
        this.capacity = capacity;
        this.terminationTime = terminationTime;
    }

    String id() {
        return id;
    }

    synchronized Instant terminationTime() {
        return terminationTime;
    }

    synchronized void terminationTime(Instant time) {
        terminationTime = time;
    }

    synchronized boolean expired(Instant now) {
        return closed || !now.isBefore(terminationTime) && waiter == null;
    }

    /** Offers a published message; the oldest is dropped when the queue is full. */
    void offer(NotificationMessage message) {
        if (!filter.test(message)) {
            return;
        }
        Waiter woken = null;
        List<NotificationMessage> delivered = List.of();
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() == capacity) {
                queue.removeFirst();
            }
            queue.addLast(message);
            if (waiter != null) {
                woken = waiter;
                waiter = null;
                delivered = take(woken.limit());
            }
        }
        if (woken != null) {
            woken.timeout().cancel(false);
            woken.result().complete(delivered);
        }
    }

    /**
     * Messages waiting now, or the first ones published within {@code timeout}, or none after it; empty when
     * another PullMessages is already waiting.
     */
    Optional<CompletableFuture<List<NotificationMessage>>> pull(Duration timeout, int limit,
                                                                 ScheduledExecutorService timer,
                                                                 Duration keepAlive, Instant now) {
        synchronized (this) {
            if (waiter != null) {
                return Optional.empty();
            }
            Instant keep = now.plus(timeout).plus(keepAlive);
            if (keep.isAfter(terminationTime)) {
                terminationTime = keep; // the pull point stays alive while it is pulled
            }
            if (!queue.isEmpty() || timeout.isZero() || closed) {
                return Optional.of(CompletableFuture.completedFuture(take(limit)));
            }
            CompletableFuture<List<NotificationMessage>> result = new CompletableFuture<>();
            ScheduledFuture<?> expiry = timer.schedule(() -> expire(result), timeout.toMillis(), TimeUnit.MILLISECONDS);
            waiter = new Waiter(result, limit, expiry);
            return Optional.of(result);
        }
    }

    private void expire(CompletableFuture<List<NotificationMessage>> result) {
        synchronized (this) {
            if (waiter != null && waiter.result() == result) {
                waiter = null;
            }
        }
        result.complete(List.of());
    }

    /** Ends the subscription; a waiting PullMessages gets what is left. */
    void close() {
        Waiter woken;
        synchronized (this) {
            closed = true;
            woken = waiter;
            waiter = null;
        }
        if (woken != null) {
            woken.timeout().cancel(false);
            woken.result().complete(List.of());
        }
    }

    private List<NotificationMessage> take(int limit) {
        List<NotificationMessage> taken = new ArrayList<>();
        while (taken.size() < limit && !queue.isEmpty()) {
            taken.add(queue.removeFirst());
        }
        return taken;
    }
}
