package dev.onvifcloud.cloud.authorization;

/** Why the token endpoint refused a request: logged and audited; the client only sees its {@link #error()}. */
public enum TokenRefusal {
    WRONG_CONTENT_TYPE(TokenError.INVALID_REQUEST),
    FORM_TOO_LARGE(TokenError.INVALID_REQUEST),
    MALFORMED_FORM(TokenError.INVALID_REQUEST),
    DUPLICATE_PARAMETER(TokenError.INVALID_REQUEST),
    MISSING_GRANT_TYPE(TokenError.INVALID_REQUEST),
    UNSUPPORTED_GRANT_TYPE(TokenError.UNSUPPORTED_GRANT_TYPE),
    /** No {@code client_assertion} / {@code client_assertion_type}: RFC 6749 counts that as failed authentication. */
    NO_CLIENT_AUTHENTICATION(TokenError.INVALID_CLIENT),
    UNSUPPORTED_ASSERTION_TYPE(TokenError.INVALID_CLIENT),
    /** The assertion cannot even be read for its {@code sub}. */
    UNREADABLE_ASSERTION(TokenError.INVALID_CLIENT),
    /** {@code client_id} differs from the assertion's {@code sub} (RFC 7521 section 4.2). */
    CLIENT_ID_MISMATCH(TokenError.INVALID_CLIENT),
    RATE_LIMITED(TokenError.SLOW_DOWN),
    UNKNOWN_CLIENT(TokenError.INVALID_CLIENT),
    /** No key registered yet: the client cannot authenticate. */
    CLIENT_PENDING(TokenError.INVALID_CLIENT),
    /** The assertion did not verify (the rejection reason is logged with it). */
    ASSERTION_REJECTED(TokenError.INVALID_CLIENT),
    /** The client proved its key, but it is revoked. */
    CLIENT_REVOKED(TokenError.UNAUTHORIZED_CLIENT),
    SCOPE_NOT_GRANTABLE(TokenError.INVALID_SCOPE),
    /**
     * The client's registration changed (revoked, or another key) each time the grant was about to be recorded:
     * nothing was granted.
     */
    REGISTRATION_CHANGED(TokenError.INVALID_CLIENT);

    private final TokenError error;

    TokenRefusal(TokenError error) {
        this.error = error;
    }

    public TokenError error() {
        return error;
    }
}
