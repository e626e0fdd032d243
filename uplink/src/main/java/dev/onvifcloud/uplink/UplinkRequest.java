package dev.onvifcloud.uplink;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request sent by the cloud (remote client) through the uplink and served by the camera
 * (local service).
 *
 * @param method    request method, for example {@code POST}
 * @param path      request target path with optional query, starting with {@code /}
 * @param authority the {@code :authority}, when the sender gave one
 * @param headers   regular header fields
 * @param body      the body (streamed)
 */
public record UplinkRequest(String method, String path, Optional<String> authority, UplinkHeaders headers,
                            UplinkBody body) {

    public UplinkRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(authority, "authority");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("invalid method: '" + method + "'");
        }
        if (!(path.startsWith("/") || path.equals("*")) || path.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("invalid path: '" + path + "'");
        }
    }

    public static UplinkRequest get(String path) {
        return new UplinkRequest("GET", path, Optional.empty(), UplinkHeaders.empty(), UplinkBody.empty());
    }

    public static UplinkRequest post(String path, UplinkHeaders headers, UplinkBody body) {
        return new UplinkRequest("POST", path, Optional.empty(), headers, body);
    }
}
