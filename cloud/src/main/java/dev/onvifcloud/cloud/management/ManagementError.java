package dev.onvifcloud.cloud.management;

/**
 * Why the management API refused a request: the one mapping from reason to HTTP status. The message that goes
 * with it ({@link ManagementProblem}) names the field or parameter, never a value from the request.
 */
public enum ManagementError {
    /** No {@code Authorization: Bearer <api key>}. */
    API_KEY_MISSING(401),
    /** The API key is malformed, unknown, wrong or revoked (one answer for all four). */
    API_KEY_INVALID(401),
    /** No such resource for this account: unknown, or another account's (which is not revealed). */
    NOT_FOUND(404),
    /** The body is not one JSON object within the limits. */
    MALFORMED_JSON(400),
    /** A member the request does not define. */
    UNKNOWN_FIELD(400),
    /** A required member or query parameter is missing. */
    MISSING_FIELD(400),
    /** A member or parameter has the wrong type, length, format or value. */
    INVALID_FIELD(400),
    /** The serial number and claim code do not go together (or the camera cannot be claimed). */
    CLAIM_REFUSED(403),
    /**
     * The account had too many claims refused lately; the response says when to retry ({@code Retry-After}). Guards
     * the claim codes, and the CPU their deliberately slow hashes cost, against an account that guesses.
     */
    TOO_MANY_REFUSED_CLAIMS(429),
    /** The claim code is right but the camera has an owner already. */
    ALREADY_CLAIMED(409),
    /** The camera is not in a state that allows this (such as a transferred camera). */
    DEVICE_NOT_CLAIMED(409),
    /** The share token was used or revoked already. */
    SHARE_TOKEN_NOT_REVOCABLE(409),
    /** Only a dead letter can be replayed. */
    NOT_A_DEAD_LETTER(409),
    /** Only a completed share of a camera still managed here can be un-shared, once. */
    SHARE_NOT_REMOVABLE(409);

    private final int status;

    ManagementError(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
