package dev.onvifcloud.cloud.storage;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A {@code startDeviceSharing} request: its operations are persisted all together or not at all.
 *
 * @param requestId groups the operations of the request
 * @param requestSha256 lower-case hex SHA-256 of the request body, for tracing and duplicate detection
 * @param operations at least one; ids and share tokens distinct
 */
public record SharingRequest(UUID requestId, String requestSha256, List<NewSharingOperation> operations) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public SharingRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(requestSha256, "requestSha256");
        if (!SHA256_HEX.matcher(requestSha256).matches()) {
            throw new IllegalArgumentException("requestSha256 must be 64 lower-case hex digits");
        }
        operations = List.copyOf(operations);
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("a sharing request has at least one operation");
        }
        Set<UUID> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (NewSharingOperation operation : operations) {
            if (!ids.add(operation.id())) {
                throw new IllegalArgumentException("operation id " + operation.id() + " appears twice");
            }
            if (!tokens.add(operation.tokenJti())) {
                throw new IllegalArgumentException("a share token appears twice in one request");
            }
        }
    }
}
