package dev.onvifcloud.cloud.provisioning.worker;

import java.util.Objects;

/** A step cannot be carried out now: the operation is tried again later. */
final class StepDeferred extends Exception {

    private final RetryReason reason;

    StepDeferred(RetryReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    RetryReason reason() {
        return reason;
    }
}
