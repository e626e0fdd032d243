package dev.onvifcloud.uplink;

import java.util.Objects;

/**
 * The camera's final HTTP response to an {@link UplinkRequest}.
 *
 * @param status  final status code, 200..599
 * @param headers regular header fields
 * @param body    the body (streamed)
 */
public record UplinkResponse(int status, UplinkHeaders headers, UplinkBody body) {

    public UplinkResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("final status code must be 200..599: " + status);
        }
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    public static UplinkResponse of(int status, UplinkHeaders headers, UplinkBody body) {
        return new UplinkResponse(status, headers, body);
    }

    public static UplinkResponse status(int status) {
        return new UplinkResponse(status, UplinkHeaders.empty(), UplinkBody.empty());
    }
}
