package dev.onvifcloud.security.jose;

import java.util.Objects;
import java.util.Optional;

/**
 * Input rejected: a token or assertion that must not be accepted. Carries a {@link RejectionReason} to
 * branch on and, for claim problems, the claim's name.
 *
 * <p>The message is built from the reason and the claim name only: it never contains the token, a key
 * or any other part of the input. No stack trace is captured: rejections are expected outcomes, and an
 * attacker can cause many of them.
 */
public final class TokenRejectedException extends Exception {

    private final RejectionReason reason;
    private final String claim;

    public TokenRejectedException(RejectionReason reason) {
        this(reason, null);
    }

    private TokenRejectedException(RejectionReason reason, String claim) {
        super(message(reason, claim), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.claim = claim;
    }

    /** A rejection about one claim (or header parameter) named {@code claim}. */
    public static TokenRejectedException forClaim(RejectionReason reason, String claim) {
        return new TokenRejectedException(reason, Objects.requireNonNull(claim, "claim"));
    }

    public RejectionReason reason() {
        return reason;
    }

    /** The claim the rejection is about, when it is about one. */
    public Optional<String> claim() {
        return Optional.ofNullable(claim);
    }

    private static String message(RejectionReason reason, String claim) {
        return claim == null ? "token rejected: " + reason : "token rejected: " + reason + " (" + claim + ")";
    }
}
