package dev.onvifcloud.cloud.storage;

/**
 * Where a step of a sharing operation stands. Recorded forward only: STARTED, DONE, COMPENSATED.
 */
public enum StepStatus {
    /** Recorded before the camera action: after a crash, the camera must be checked for what it created. */
    STARTED,
    /** The camera action succeeded; what it created is recorded. */
    DONE,
    /** What the step created was removed from the camera again. */
    COMPENSATED
}
