package dev.onvifcloud.cloud.storage;

/**
 * Where a sharing operation stands.
 *
 * <pre>
 * IN_PROGRESS -> COMPLETED -> (mode transfer, once the OCS confirmed) TRANSFERRING -> TRANSFERRED
 *             |            -> (mode share, the owner un-shares)      UNSHARING    -> UNSHARED
 *             -> COMPENSATING -> FAILED
 * </pre>
 */
public enum SharingOperationState {
    /** The camera is being configured, step by step; a worker takes it when it is due. */
    IN_PROGRESS,
    /** Configuring failed; a worker removes from the camera what the recorded steps created. */
    COMPENSATING,
    /** The camera is configured (the notification to the Operational Cloud Service is queued). */
    COMPLETED,
    /** Given up, after compensation. */
    FAILED,
    /** A transfer the OCS confirmed: a worker removes this cloud's own access from the camera. */
    TRANSFERRING,
    /** This cloud's own access is removed; the camera is recorded transferred. */
    TRANSFERRED,
    /** The owner un-shares: a worker removes from the camera what the operation created. */
    UNSHARING,
    /** What the operation created is removed from the camera. */
    UNSHARED;

    /** Whether a worker may still claim it. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == COMPENSATING || this == TRANSFERRING || this == UNSHARING;
    }

    /**
     * Whether what the operation configured is (or may still be) on the camera for its OCS: every state but
     * FAILED and UNSHARED. Items another such operation recorded are not removed by an un-share or compensation.
     */
    public boolean holdsCameraItems() {
        return this != FAILED && this != UNSHARED;
    }
}
