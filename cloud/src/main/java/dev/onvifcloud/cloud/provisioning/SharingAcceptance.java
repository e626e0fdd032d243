package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.cloud.storage.SharingOperation;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An accepted {@code startDeviceSharing}.
 *
 * @param requestId groups the operations
 * @param operations one per {@code deviceConfiguration}, in request order
 * @param replayed true when the request repeated one accepted before and nothing was created now
 */
public record SharingAcceptance(UUID requestId, List<SharingOperation> operations, boolean replayed) {

    public SharingAcceptance {
        Objects.requireNonNull(requestId, "requestId");
        operations = List.copyOf(operations);
    }
}
