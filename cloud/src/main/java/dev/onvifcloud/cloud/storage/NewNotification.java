package dev.onvifcloud.cloud.storage;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification to queue, such as {@code deviceSharingCompleted} for a completed sharing operation.
 *
 * @param id chosen by the caller
 * @param operationId the sharing operation it reports on; one notification per operation
 * @param endpoints where to send it, tried in order: at least one absolute URI, none with a line break
 * @param payload the request body, as sent
 */
public record NewNotification(UUID id, UUID operationId, List<URI> endpoints, String payload) {

    public NewNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operationId, "operationId");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a notification has at least one endpoint");
        }
        for (URI endpoint : endpoints) {
            if (!endpoint.isAbsolute() || endpoint.toString().indexOf('\n') >= 0) {
                throw new IllegalArgumentException("endpoints must be absolute URIs");
            }
        }
        Objects.requireNonNull(payload, "payload");
    }
}
