package dev.onvifcloud.cloud.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a handler answers. The server adds {@code Content-Length}, the correlation id and headers that keep
 * responses out of caches ({@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}).
 *
 * @param status HTTP status code, 200 to 599
 * @param contentType present exactly when the body is not empty
 * @param body the response body
 * @param headers further headers, names in lower case
 */
public record ApiResponse(int status, Optional<String> contentType, byte[] body, Map<String, String> headers) {

    /** The header that carries {@link ApiRequest#correlationId()} back to the client. */
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

    /** {@code application/json}, as sent in {@code Content-Type}. */
    public static final String APPLICATION_JSON = "application/json";

    public ApiResponse {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("status must be 200 to 599, not " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        if (contentType.isPresent() == (body.length == 0)) {
            throw new IllegalArgumentException("a content type goes with a non-empty body, and only with one");
        }
        headers.keySet().forEach(name -> {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header names must be lower case: " + name);
            }
        });
        headers = Map.copyOf(headers);
    }

    /** A response without a body, such as the {@code 200} of {@code startDeviceSharing}. */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Optional.empty(), new byte[0], Map.of());
    }

    /** A JSON body, already encoded as UTF-8. */
    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, Optional.of(APPLICATION_JSON), body, Map.of());
    }

    /** A text body of the given media type, encoded as UTF-8. */
    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, Optional.of(contentType), text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** This response with one more header. */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
        return new ApiResponse(status, contentType, body, more);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + ", " + contentType.orElse("no body") + ", " + body.length + " bytes]";
    }
}
