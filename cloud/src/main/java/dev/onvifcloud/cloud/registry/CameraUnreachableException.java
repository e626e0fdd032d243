package dev.onvifcloud.cloud.registry;

import java.util.Objects;

/**
 * A request to a camera got no SOAP answer (the uplink closed, timed out, or the camera answered something that
 * is not SOAP): whether the camera carried it out is unknown. A SOAP fault is an answer, not this exception.
 */
public final class CameraUnreachableException extends Exception {

    /** Why no answer came. */
    public enum Reason {
        /** The uplink session is closed, or closed while the request was in flight. */
        SESSION_CLOSED,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** The uplink refused or reset the request (queue full, stream reset, malformed HTTP). */
        UPLINK_FAILURE,
        /** The camera answered with an HTTP status or body that is not a SOAP answer. */
        NOT_SOAP,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED
    }

    private final Reason reason;

    public CameraUnreachableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
