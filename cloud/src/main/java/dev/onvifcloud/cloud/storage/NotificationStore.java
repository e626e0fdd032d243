package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications to Operational Cloud Services: queued durably, claimed by delivery workers under a
 * {@link Lease} (at-least-once: a worker that dies after sending but before recording leaves the notification
 * to be sent again), retried with backoff until their deadline, then kept as dead letters until replayed.
 */
public interface NotificationStore {

    /**
     * Queues a notification, due now, with the deadline {@code now + schedule.giveUpAfter()}.
     *
     * @throws StorageConstraintException UNIQUE ({@code notifications_operation_key}) when the operation has
     *     one already, FOREIGN_KEY for an unknown operation
     */
    Notification enqueue(NewNotification notification, RetrySchedule schedule, Instant now);

    Optional<Notification> find(UUID notificationId);

    Optional<Notification> findByOperation(UUID operationId);

    /** Claims up to {@code limit} PENDING notifications due at {@code now} and held by no live lease. */
    List<Notification> claimDue(Instant now, String leaseOwner, Duration leaseDuration, int limit);

    /** Records the delivery to {@code endpoint}; false when the lease was lost. */
    boolean delivered(Lease lease, URI endpoint, Instant now);

    /**
     * Records a failed attempt and releases the lease: the notification is due again after the schedule's
     * delay for its attempts so far, or becomes DEAD when that would be after its deadline. Empty when the
     * lease was lost; else the new state.
     */
    Optional<NotificationState> attemptFailed(Lease lease, String error, RetrySchedule schedule, Instant now);

    /** DEAD notifications, oldest first. */
    List<Notification> deadLetters(int limit);

    /** Makes a DEAD notification PENDING again, due now, with attempts reset and a new deadline; false unless DEAD. */
    boolean replay(UUID notificationId, RetrySchedule schedule, Instant now);
}
