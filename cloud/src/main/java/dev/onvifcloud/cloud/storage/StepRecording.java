package dev.onvifcloud.cloud.storage;

/** What {@link SharingOperationStore#recordStep} did. */
public enum StepRecording {
    /** Recorded (a new step, or a step moved forward). */
    RECORDED,
    /** The step already had this status: nothing changed (what it created is kept as first recorded). */
    ALREADY_RECORDED,
    /** The step already had a later status (DONE cannot go back to STARTED): nothing changed. */
    OUT_OF_ORDER,
    /** The worker no longer holds the operation: nothing changed. */
    LEASE_LOST
}
