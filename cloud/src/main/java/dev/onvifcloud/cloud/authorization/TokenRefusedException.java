package dev.onvifcloud.cloud.authorization;

import java.util.Objects;
import java.util.Optional;

/** A token request refused, with the reason (for logs and the audit log) and a detail that is never sent. */
final class TokenRefusedException extends Exception {

    private final TokenRefusal refusal;
    private final String detail;

    TokenRefusedException(TokenRefusal refusal) {
        this(refusal, "");
    }

    TokenRefusedException(TokenRefusal refusal, String detail) {
        super(refusal + (detail.isEmpty() ? "" : " (" + detail + ")"), null, false, false);
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.detail = detail;
    }

    TokenRefusal refusal() {
        return refusal;
    }

    /** E.g. the assertion's rejection reason; empty when there is nothing to add. */
    Optional<String> detail() {
        return detail.isEmpty() ? Optional.empty() : Optional.of(detail);
    }
}
