package dev.onvifcloud.cloud.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it: fully received, within the server's limits, routed. No Netty type
 * leaks through it. The body array belongs to the handler (it is not copied on access).
 *
 * @param method the request method, upper case ({@code POST})
 * @param path the decoded path without the query string ({@code /startDeviceSharing})
 * @param headers header names in lower case; for a repeated header the first value
 * @param body the request body, empty when there is none
 * @param remoteAddress the peer's address
 * @param correlationId names this request in our logs; also sent back as {@value ApiResponse#CORRELATION_ID_HEADER}
 * @param queryParameters the decoded query string parameters, each with its values in request order
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        byte[] body,
        InetSocketAddress remoteAddress,
        String correlationId,
        Map<String, List<String>> queryParameters) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(correlationId, "correlationId");
        Map<String, List<String>> copied = new java.util.LinkedHashMap<>();
        queryParameters.forEach((name, values) -> copied.put(name, List.copyOf(values)));
        queryParameters = java.util.Collections.unmodifiableMap(copied);
    }

    /** A request without query parameters. */
    public ApiRequest(String method, String path, Map<String, String> headers, byte[] body,
            InetSocketAddress remoteAddress, String correlationId) {
        this(method, path, headers, body, remoteAddress, correlationId, Map.of());
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = queryParameters.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Never shows the body: it may hold a share token. */
    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + path + ", " + body.length + " bytes from " + remoteAddress
                + ", correlationId=" + correlationId + "]";
    }
}
