package dev.onvifcloud.cloud.authorization;

import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.AuditLog;
import dev.onvifcloud.security.access.AccessToken;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The token endpoint's decisions for the audit log: every token issued (one row per grant: who got access, when,
 * until when; written by the grant's own transaction, see {@link #issued}), and refusals at most once per claimed client id per interval, the row counting
 * the refusals left out since the last one, so that a client (or an attacker naming it) retrying in a loop
 * cannot flood the log. Client ids taken from requests are cleaned of control characters and cut to fit.
 */
final class TokenAudit {

    static final String ISSUED = "oauth.token.issued";
    static final String REFUSED = "oauth.token.refused";
    static final String ACTOR = "authorization-server";
    private static final int MAX_TRACKED = 100_000;

    private record LastWritten(Instant at, AtomicLong suppressed) {
    }

    private final AuditLog log;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, LastWritten> refusals = new ConcurrentHashMap<>();

    TokenAudit(AuditLog log, Duration interval, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The row of an issued token, for the transaction that records the grant before the token is handed out. */
    AuditEvent issued(AccessToken token, String remoteAddress) {
        return new AuditEvent(clock.instant(), ACTOR, ISSUED, token.claims().clientId(),
                "jti=" + token.claims().jwtId() + " exp=" + token.claims().expiresAt() + " from=" + remoteAddress);
    }

    /** @param clientId the client id the request claimed, or "-" when it named none */
    void refused(String clientId, TokenRefusedException refusal, String remoteAddress) {
        String subject = clean(clientId);
        Instant now = clock.instant();
        if (refusals.size() > MAX_TRACKED) {
            refusals.values().removeIf(last -> !last.at().plus(interval).isAfter(now));
        }
        LastWritten fresh = new LastWritten(now, new AtomicLong());
        LastWritten previous = refusals.get(subject);
        long suppressed = 0;
        if (previous != null) {
            if (previous.at().plus(interval).isAfter(now)) {
                previous.suppressed().incrementAndGet();
                return;
            }
            if (!refusals.replace(subject, previous, fresh)) {
                return; // another thread writes this one
            }
            suppressed = previous.suppressed().get();
        } else if (refusals.putIfAbsent(subject, fresh) != null) {
            return;
        }
        log.append(new AuditEvent(now, ACTOR, REFUSED, subject,
                "reason=" + refusal.refusal() + refusal.detail().map(d -> " detail=" + clean(d)).orElse("")
                        + " from=" + remoteAddress
                        + (suppressed > 0 ? " refusals-not-logged-since-last=" + suppressed : "")));
    }

    /** Printable ASCII only, 1 to 200 characters: safe in the audit log and in log lines. */
    static String clean(String text) {
        StringBuilder cleaned = new StringBuilder();
        for (int i = 0; i < text.length() && cleaned.length() < 200; i++) {
            char c = text.charAt(i);
            cleaned.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return cleaned.toString().isBlank() ? "-" : cleaned.toString();
    }
}
