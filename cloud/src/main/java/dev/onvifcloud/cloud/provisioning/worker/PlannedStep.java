package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.cloud.storage.StepProgress;
import dev.onvifcloud.cloud.storage.StepStatus;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a sharing operation's plan.
 *
 * @param step what it does
 * @param index which trust anchor, policy, authorization server or uplink of the configuration (0 when single)
 * @param ordinal its place in the plan
 */
record PlannedStep(SharingStep step, int index, int ordinal) {

    PlannedStep {
        Objects.requireNonNull(step, "step");
    }

    /** The recorded step name: the operation, and the index for repeated steps ({@code UploadCertificate:0}). */
    String name() {
        return switch (step) {
            case CreateECCKeyPair, CreatePKCS10CSR -> step.name();
            default -> step.name() + ":" + index;
        };
    }

    /** This step recorded STARTED: from now on, the camera may have carried it out. */
    StepProgress started() {
        return new StepProgress(name(), ordinal, StepStatus.STARTED, Map.of());
    }

    /** This step recorded DONE, with what it created on the camera. */
    StepProgress done(Map<String, String> created) {
        return new StepProgress(name(), ordinal, StepStatus.DONE, created);
    }
}
