package dev.onvifcloud.cloud.provisioning.worker;

import dev.onvifcloud.soap.SoapFault;
import java.util.Objects;
import java.util.stream.Collectors;

/** A step cannot be carried out: the camera refused it, or what it needs is missing. Ends in compensation. */
final class StepRefused extends Exception {

    private final FailureReason reason;

    StepRefused(FailureReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    static StepRefused fault(String stepName, String operation, SoapFault fault) {
        String subcodes = fault.subcodes().stream().map(q -> "ter:" + q.getLocalPart())
                .collect(Collectors.joining(" "));
        return new StepRefused(FailureReason.CAMERA_FAULT, stepName + " " + operation + " refused (env:"
                + fault.code() + (subcodes.isEmpty() ? "" : " " + subcodes) + "): " + fault.reason());
    }

    FailureReason reason() {
        return reason;
    }
}
