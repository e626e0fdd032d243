package dev.onvifcloud.cloud.provisioning;

import java.util.Objects;
import java.util.Optional;

/**
 * A refused {@code startDeviceSharing}: the first problem found, for logs and tests. Only
 * {@link SharingRefusal#error()} goes to the peer.
 *
 * @param reason why
 * @param index the position of the offending {@code deviceConfiguration}, when the problem is in one
 * @param detail the underlying reason's name (a token {@code RejectionReason}, an {@link AddressRefusal}, a
 *     codec reason with its JSON pointer); never a value from the request
 */
public record SharingRejection(SharingRefusal reason, Optional<Integer> index, String detail) {

    public SharingRejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(detail, "detail");
    }

    static SharingRejection of(SharingRefusal reason, int index, Object detail) {
        return new SharingRejection(reason, Optional.of(index), String.valueOf(detail));
    }
}
