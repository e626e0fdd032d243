package dev.onvifcloud.cloud.provisioning;

import java.util.Objects;

/**
 * A URI the {@link OutboundAddressPolicy} refuses. Carries the {@link AddressRefusal} to branch on; the message
 * names the reason only (not the URI, which may come from a peer). No stack trace: refusals are expected.
 */
public final class AddressRefusedException extends Exception {

    private final AddressRefusal reason;

    public AddressRefusedException(AddressRefusal reason) {
        super("address refused: " + reason, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public AddressRefusal reason() {
        return reason;
    }
}
