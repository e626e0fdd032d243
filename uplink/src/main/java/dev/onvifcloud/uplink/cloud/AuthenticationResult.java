package dev.onvifcloud.uplink.cloud;

import java.util.Objects;

/** The verdict of an {@link UplinkAuthenticator}: the camera's identity, or a reason to refuse. */
public sealed interface AuthenticationResult {

    /** Why an upgrade is refused; the acceptor maps each to its HTTP answer in one place. */
    enum Rejection {
        /** No credentials at all: 401 with {@code WWW-Authenticate: Bearer}. */
        MISSING_CREDENTIALS,
        /** The token is malformed, unknown or its signature is wrong: 401, {@code error="invalid_token"}. */
        INVALID_TOKEN,
        /** The token expired: 401, {@code error="invalid_token"}. */
        EXPIRED_TOKEN,
        /** Authenticated, but this camera may not open an uplink here: 403. */
        FORBIDDEN
    }

    record Accepted(CameraIdentity identity) implements AuthenticationResult {
        public Accepted {
            Objects.requireNonNull(identity, "identity");
        }
    }

    record Rejected(Rejection reason) implements AuthenticationResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static AuthenticationResult accepted(String identity) {
        return new Accepted(new CameraIdentity(identity));
    }

    static AuthenticationResult rejected(Rejection reason) {
        return new Rejected(reason);
    }
}
