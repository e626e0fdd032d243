package dev.onvifcloud.cloud.http;

/** What a route accepts as request body. */
public enum RequestBody {
    /** No body is expected; one that is sent anyway is ignored. */
    NONE,
    /** A JSON body: {@code Content-Type} must be {@code application/json} (charset, if given, UTF-8), else 415. */
    JSON
}
