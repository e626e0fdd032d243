package dev.onvifcloud.uplink;

import java.util.Objects;

/** A request through the uplink failed; {@link #reason()} says why, for callers to branch on. */
public final class UplinkException extends Exception {

    /** Why a request failed. */
    public enum Reason {
        /** No response headers arrived within the request timeout. */
        REQUEST_TIMEOUT,
        /** The session closed (or was replaced) before the response completed. */
        SESSION_CLOSED,
        /** The peer reset the stream. */
        STREAM_RESET,
        /** The session's queue of requests waiting for a free stream is full. */
        TOO_MANY_PENDING_REQUESTS,
        /** The peer sent a malformed response. */
        PROTOCOL_ERROR,
        /** Reading the request body to send it failed. */
        BODY_FAILED
    }

    private final Reason reason;

    public UplinkException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UplinkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
