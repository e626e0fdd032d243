package dev.onvifcloud.cloud.provisioning.worker;

import java.util.UUID;

/**
 * Points of a sharing run where tests stop a worker (by throwing), to check that another worker resumes the
 * operation without duplicating anything on the camera.
 */
interface Checkpoint {

    Checkpoint NONE = new Checkpoint() {
    };

    /** The camera answered the step's request; the step is not yet recorded DONE. */
    default void cameraAnswered(UUID operationId, String stepName) {
    }

    /** The step is recorded DONE. */
    default void stepRecorded(UUID operationId, String stepName) {
    }
}
