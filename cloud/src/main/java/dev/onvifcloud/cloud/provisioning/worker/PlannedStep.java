package dev.onvifcloud.cloud.provisioning.worker;

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
}
