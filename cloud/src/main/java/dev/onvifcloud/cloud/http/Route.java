package dev.onvifcloud.cloud.http;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A method and an exact path, what body they accept, and the handler that answers them.
 *
 * @param method upper-case HTTP method
 * @param path absolute path, matched exactly (case-sensitive, no trailing-slash folding)
 */
public record Route(String method, String path, RequestBody body, ApiHandler handler) {

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    public Route {
        Objects.requireNonNull(method, "method");
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("method must be an upper-case token: " + method);
        }
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
            throw new IllegalArgumentException("path must be absolute, without query or fragment: " + path);
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(handler, "handler");
    }

    /** {@code GET path}, no body. */
    public static Route get(String path, ApiHandler handler) {
        return new Route("GET", path, RequestBody.NONE, handler);
    }

    /** {@code POST path} with a JSON body. */
    public static Route postJson(String path, ApiHandler handler) {
        return new Route("POST", path, RequestBody.JSON, handler);
    }

    @Override
    public String toString() {
        return "Route[" + method + " " + path + ", " + body + "]";
    }
}
