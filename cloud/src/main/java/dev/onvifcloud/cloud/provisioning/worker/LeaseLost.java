package dev.onvifcloud.cloud.provisioning.worker;

/** The worker no longer holds the operation: it stops touching it at once. */
final class LeaseLost extends Exception {

    LeaseLost() {
        super("lease lost", null, false, false);
    }
}
