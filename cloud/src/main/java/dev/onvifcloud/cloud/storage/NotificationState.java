package dev.onvifcloud.cloud.storage;

/** Where a notification to an Operational Cloud Service stands. */
public enum NotificationState {
    /** To be delivered, when due. */
    PENDING,
    /** An endpoint accepted it. */
    DELIVERED,
    /** Retried until its deadline without success: a dead letter, kept until replayed. */
    DEAD
}
