package dev.onvifcloud.cloud.operational;

import dev.onvifcloud.cloud.http.ApiResponse;
import java.nio.charset.StandardCharsets;

/**
 * The camera API's own problems, beside the management API's ({@code ManagementError}): the one mapping of each to
 * its status and fixed {@code {"error": "..."}} text.
 */
public enum CameraApiError {
    /** The pass-through needs a live, verified uplink. */
    CAMERA_NOT_CONNECTED(409, "The camera is not connected"),
    /** The pass-through body is not {@code application/soap+xml}. */
    UNSUPPORTED_MEDIA_TYPE(415, "The body must be application/soap+xml"),
    /** The pass-through body (or the camera's answer) is larger than allowed. */
    PAYLOAD_TOO_LARGE(413, "The SOAP envelope is too large"),
    /** The camera did not answer in time, or its uplink went down. */
    CAMERA_UNREACHABLE(504, "The camera did not answer"),
    /** The camera's answer is not a SOAP answer (status other than 200, 400, 500) or is too large. */
    BAD_CAMERA_RESPONSE(502, "The camera's answer cannot be passed on");

    private final int status;
    private final String error;

    CameraApiError(int status, String error) {
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public ApiResponse response() {
        return ApiResponse.json(status, ("{\"error\":\"" + error + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
