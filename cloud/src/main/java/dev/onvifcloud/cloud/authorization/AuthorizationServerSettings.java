package dev.onvifcloud.cloud.authorization;

import dev.onvifcloud.cloud.http.RateLimit;
import dev.onvifcloud.security.access.AccessTokenIssuer;
import dev.onvifcloud.security.assertion.ClientAssertionPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The authorization server's settings.
 *
 * @param issuer the issuer identifier: the node's base URL {@code https://host:port}, no path, query or fragment
 *     (what the camera's ServerUri points at; RFC 8414 section 2)
 * @param uplinkAudience the {@code aud} of every access token: our uplink URL
 * @param accessTokenLifetime how long an access token is valid; whole seconds, 1 s to 1 h
 * @param assertionPolicy what client assertions are accepted; its audiences should be the issuer and the
 *     token endpoint ({@link Builder} sets exactly those by default)
 * @param rateLimit the token bucket of each client id at the token endpoint
 * @param grantableScopes the scopes a client may ask for; empty (the default): a request with a scope is refused
 * @param maxFormBytes the largest token request body accepted, 1 KiB to 64 KiB
 * @param refusalAuditInterval a refused client id is written to the audit log at most once per interval
 */
public record AuthorizationServerSettings(
        URI issuer,
        URI uplinkAudience,
        Duration accessTokenLifetime,
        ClientAssertionPolicy assertionPolicy,
        RateLimit rateLimit,
        Set<String> grantableScopes,
        int maxFormBytes,
        Duration refusalAuditInterval) {

    public static final int DEFAULT_MAX_FORM_BYTES = 16 * 1024;
    public static final Duration DEFAULT_REFUSAL_AUDIT_INTERVAL = Duration.ofMinutes(1);

    /** The token endpoint's path. */
    public static final String TOKEN_PATH = "/oauth2/token";
    /** The path of the JWK Set of the access-token keys ({@code /.well-known/jwks.json} is the share-token keys'). */
    public static final String JWKS_PATH = "/oauth2/jwks.json";

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    public AuthorizationServerSettings {
        List<String> problems = new ArrayList<>();
        if (issuer == null || !"https".equals(issuer.getScheme()) || issuer.getHost() == null
                || !(issuer.getRawPath() == null || issuer.getRawPath().isEmpty())
                || issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
            problems.add("issuer must be https://host[:port] without path, query or fragment");
        }
        if (uplinkAudience == null || !uplinkAudience.isAbsolute()) {
            problems.add("uplinkAudience must be an absolute URI");
        }
        try {
            AccessTokenIssuerLifetime.check(accessTokenLifetime);
        } catch (IllegalArgumentException e) {
            problems.add("accessTokenLifetime: " + e.getMessage());
        }
        if (assertionPolicy == null) {
            problems.add("assertionPolicy is required");
        }
        if (rateLimit == null) {
            problems.add("rateLimit is required");
        }
        grantableScopes = Set.copyOf(Objects.requireNonNull(grantableScopes, "grantableScopes"));
        if (!grantableScopes.stream().allMatch(scope -> SCOPE_TOKEN.matcher(scope).matches())) {
            problems.add("grantableScopes must be RFC 6749 scope tokens");
        }
        if (maxFormBytes < 1024 || maxFormBytes > 64 * 1024) {
            problems.add("maxFormBytes must be 1024 to 65536");
        }
        if (refusalAuditInterval == null || refusalAuditInterval.isNegative()) {
            problems.add("refusalAuditInterval must be zero or positive");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** {@code issuer} + {@link #TOKEN_PATH}. */
    public URI tokenEndpoint() {
        return URI.create(issuer + TOKEN_PATH);
    }

    /** {@code issuer} + {@link #JWKS_PATH}. */
    public URI jwksUri() {
        return URI.create(issuer + JWKS_PATH);
    }

    public static Builder builder(URI issuer, URI uplinkAudience) {
        return new Builder(issuer, uplinkAudience);
    }

    /** Settings with a default for everything but the issuer and the uplink audience. */
    public static final class Builder {

        private final URI issuer;
        private final URI uplinkAudience;
        private Duration accessTokenLifetime = AccessTokenIssuer.DEFAULT_LIFETIME;
        private Optional<ClientAssertionPolicy> assertionPolicy = Optional.empty();
        private RateLimit rateLimit = RateLimit.DEFAULT;
        private Set<String> grantableScopes = Set.of();
        private int maxFormBytes = DEFAULT_MAX_FORM_BYTES;
        private Duration refusalAuditInterval = DEFAULT_REFUSAL_AUDIT_INTERVAL;

        private Builder(URI issuer, URI uplinkAudience) {
            this.issuer = issuer;
            this.uplinkAudience = uplinkAudience;
        }

        public Builder accessTokenLifetime(Duration value) {
            accessTokenLifetime = value;
            return this;
        }

        /** Default: {@link ClientAssertionPolicy#defaults} for the issuer and the token endpoint. */
        public Builder assertionPolicy(ClientAssertionPolicy value) {
            assertionPolicy = Optional.of(value);
            return this;
        }

        public Builder rateLimit(RateLimit value) {
            rateLimit = value;
            return this;
        }

        public Builder grantableScopes(Set<String> value) {
            grantableScopes = value;
            return this;
        }

        public Builder maxFormBytes(int value) {
            maxFormBytes = value;
            return this;
        }

        public Builder refusalAuditInterval(Duration value) {
            refusalAuditInterval = value;
            return this;
        }

        /** @throws IllegalArgumentException naming every invalid setting */
        public AuthorizationServerSettings build() {
            ClientAssertionPolicy policy = assertionPolicy.orElseGet(() -> issuer == null ? null
                    : ClientAssertionPolicy.defaults(Set.of(issuer.toString(), issuer + TOKEN_PATH)));
            return new AuthorizationServerSettings(issuer, uplinkAudience, accessTokenLifetime, policy, rateLimit,
                    grantableScopes, maxFormBytes, refusalAuditInterval);
        }
    }

    /** The issuer's rule for lifetimes, without building an issuer. */
    private static final class AccessTokenIssuerLifetime {
        static void check(Duration lifetime) {
            if (lifetime == null || lifetime.compareTo(Duration.ofSeconds(1)) < 0
                    || lifetime.compareTo(AccessTokenIssuer.MAX_LIFETIME) > 0 || lifetime.getNano() != 0) {
                throw new IllegalArgumentException("whole seconds, 1 s to " + AccessTokenIssuer.MAX_LIFETIME);
            }
        }
    }
}
