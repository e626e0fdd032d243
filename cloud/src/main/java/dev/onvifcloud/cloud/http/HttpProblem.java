package dev.onvifcloud.cloud.http;

import java.nio.charset.StandardCharsets;

/**
 * Why the server itself answered a request, before or instead of a handler: the one place where those
 * reasons become an HTTP status and a JSON body {@code {"error":"..."}}. The bodies are fixed texts: they
 * never carry anything from the request, a stack trace or a path of ours.
 */
public enum HttpProblem {
    /** The request line or headers are not HTTP. */
    BAD_REQUEST(400, "Bad request"),
    /** No route has this path. */
    NOT_FOUND(404, "Not found"),
    /** A route has this path, but not this method; the response carries {@code Allow}. */
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    /** The body is larger than {@link ApiServerSettings#maxBodyBytes()}. */
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    /** The request line is longer than {@link ApiServerSettings#maxInitialLineBytes()}. */
    URI_TOO_LONG(414, "URI too long"),
    /** The route takes JSON and {@code Content-Type} is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    /** The headers are larger than {@link ApiServerSettings#maxHeaderBytes()}. */
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request header fields too large"),
    /** The handler failed; logged with the correlation id. */
    INTERNAL_ERROR(500, "Internal server error"),
    /** No handler thread could take the request. */
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String error;

    HttpProblem(int status, String error) {
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    /** The value of {@code error} in the body. */
    public String error() {
        return error;
    }

    /** The response: status and {@code {"error":"..."}}. */
    public ApiResponse response() {
        return ApiResponse.json(status, ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
