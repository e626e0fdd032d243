package dev.onvifcloud.cloud.storage;

/** Where a sharing operation stands. */
public enum SharingOperationState {
    /** The camera is being configured, step by step; a worker takes it when it is due. */
    IN_PROGRESS,
    /** Configuring failed; a worker removes from the camera what the recorded steps created. */
    COMPENSATING,
    /** The camera is configured (the notification to the Operational Cloud Service is queued). */
    COMPLETED,
    /** Given up, after compensation. */
    FAILED;

    /** Whether a worker may still claim it. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == COMPENSATING;
    }
}
