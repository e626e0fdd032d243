package dev.onvifcloud.cloud.storage;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A recorded step of a sharing operation.
 *
 * @param createdOnCamera what the step created on the camera, by name
 */
public record OperationStep(
        UUID operationId,
        String name,
        int ordinal,
        StepStatus status,
        Map<String, String> createdOnCamera,
        Instant startedAt,
        Optional<Instant> completedAt,
        Optional<Instant> compensatedAt) {

    public OperationStep {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        createdOnCamera = Map.copyOf(createdOnCamera);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(compensatedAt, "compensatedAt");
    }

    /** The stored form: {@code application/x-www-form-urlencoded} pairs, sorted by name. */
    static String encode(Map<String, String> values) {
        return new TreeMap<>(values).entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> values = new TreeMap<>();
        if (encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new StorageException("malformed created_on_camera value");
            }
            values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
