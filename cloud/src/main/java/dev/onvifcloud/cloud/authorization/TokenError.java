package dev.onvifcloud.cloud.authorization;

/**
 * The error codes the token endpoint answers with (RFC 6749 section 5.2), each with its HTTP status; the one
 * place where they are mapped. The body is {@code {"error":"<code>"}} and nothing more: which check failed is
 * logged and audited, never told.
 */
public enum TokenError {
    INVALID_REQUEST("invalid_request", 400),
    /** Client authentication failed (unknown client, no or a bad assertion). */
    INVALID_CLIENT("invalid_client", 401),
    /** The client authenticated but may not get tokens (revoked). */
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    INVALID_SCOPE("invalid_scope", 400),
    /**
     * The client's rate limit is exhausted: 429 with {@code Retry-After}. {@code slow_down} is the code of the
     * OAuth Extensions Error Registry meant for this (RFC 8628 section 3.5).
     */
    SLOW_DOWN("slow_down", 429);

    private final String code;
    private final int status;

    TokenError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The {@code error} value. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
