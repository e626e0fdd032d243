package dev.onvifcloud.device.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Request;
import dev.onvifcloud.device.uplink.AuthorizationServerHttp.Response;
import dev.onvifcloud.security.assertion.ClientAssertion;
import dev.onvifcloud.security.assertion.ClientAssertionIssuer;
import dev.onvifcloud.soap.security.AuthorizationServerConfigurationData;
import dev.onvifcloud.uplink.TlsImplementation;
import dev.onvifcloud.uplink.UplinkTransport;
import dev.onvifcloud.uplink.device.AccessToken;
import dev.onvifcloud.uplink.device.AccessTokenSupplier;
import dev.onvifcloud.uplink.internal.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Gets access tokens for uplinks from the authorization server of an AuthorizationServerConfiguration
 * (OAuthClientCredentials, private_key_jwt): RFC 8414 metadata from the ServerUri over HTTPS, the server's
 * certificate checked against the trust anchors of the configuration's certification path validation policy;
 * then a {@code client_credentials} grant authenticated by a client assertion (RFC 7523) signed with the
 * configured key, {@code kid} = KeyID, with the configured scope. Metadata and token are cached, the token until
 * {@code refreshMargin} before it expires. Failures complete the stage exceptionally with a message fit for
 * GetUplinks' Error (the uplink connector retries with its backoff).
 *
 * <p>HTTP/1.1 over TLS on the event loops of an {@link UplinkTransport}: no thread of its own. The metadata
 * request and the token request share one connection when the server keeps it open; it is closed after 30 s
 * idle. Responses over 64 KiB are refused; redirects are not followed; a GET that finds its kept-open connection
 * closed under it is sent again once on a new one, a token POST only if it was not written (otherwise the
 * uplink's backoff retries). Client assertions are signed on the {@code signer} executor, not on an event loop;
 * the returned stages usually complete on an event loop thread.
 */
public final class TokenClient implements AutoCloseable {

    /** The problem when the authorization server cannot be used. */
    public static final class TokenException extends RuntimeException {
        TokenException(String message) {
            super(message);
        }

        TokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WELL_KNOWN = "/.well-known/";
    static final AuthorizationServerHttp.Limits LIMITS = new AuthorizationServerHttp.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(30), 64 * 1024);

    private final AuthorizationServerConfigurationData configuration;
    private final ClientAssertionIssuer assertions;
    private final AuthorizationServerHttp http;
    private final int maxResponseBytes;
    private final Executor signer;
    private final Clock clock;
    private final Duration refreshMargin;
    private AuthorizationServerMetadata metadata; // guarded by this
    private AccessToken cached; // guarded by this

    /**
     * @param configuration an OAuthClientCredentials / private_key_jwt configuration with ClientID and KeyID
     * @param privateKey    the private key of the configuration's KeyID
     * @param trustAnchors  the anchors of its CertPathValidationPolicyID
     * @param transport     whose event loops carry the connections (not closed by this client)
     * @param signer        where client assertions are signed (CPU work kept off the event loops)
     */
    public TokenClient(AuthorizationServerConfigurationData configuration, PrivateKey privateKey,
                       List<X509Certificate> trustAnchors, Clock clock, Duration refreshMargin,
                       UplinkTransport transport, Executor signer) {
        this(configuration, privateKey, trustAnchors, clock, refreshMargin, transport, signer,
                TlsImplementation.defaultChoice());
    }

    /**
     * As above, with the given TLS implementation for the connections to the authorization server (the other
     * constructor uses {@link TlsImplementation#AUTO}: OpenSSL when it loads).
     */
    public TokenClient(AuthorizationServerConfigurationData configuration, PrivateKey privateKey,
                       List<X509Certificate> trustAnchors, Clock clock, Duration refreshMargin,
                       UplinkTransport transport, Executor signer, TlsImplementation tlsImplementation) {
        this(configuration, privateKey, trustAnchors, clock, refreshMargin, transport, signer, LIMITS,
                tlsImplementation);
    }

    /** With other timeouts and size limit (tests). */
    TokenClient(AuthorizationServerConfigurationData configuration, PrivateKey privateKey,
                List<X509Certificate> trustAnchors, Clock clock, Duration refreshMargin,
                UplinkTransport transport, Executor signer, AuthorizationServerHttp.Limits limits) {
        this(configuration, privateKey, trustAnchors, clock, refreshMargin, transport, signer, limits,
                TlsImplementation.defaultChoice());
    }

    private TokenClient(AuthorizationServerConfigurationData configuration, PrivateKey privateKey,
                        List<X509Certificate> trustAnchors, Clock clock, Duration refreshMargin,
                        UplinkTransport transport, Executor signer, AuthorizationServerHttp.Limits limits,
                        TlsImplementation tlsImplementation) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        String clientId = configuration.clientID().orElseThrow(() ->
                new IllegalArgumentException("the configuration has no ClientID"));
        String keyId = configuration.keyID().orElseThrow(() ->
                new IllegalArgumentException("the configuration has no KeyID")).value();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = Objects.requireNonNull(refreshMargin, "refreshMargin");
        this.assertions = new ClientAssertionIssuer(clientId, keyId, privateKey, clock);
        this.signer = Objects.requireNonNull(signer, "signer");
        this.maxResponseBytes = limits.maxResponseBytes();
        try {
            this.http = new AuthorizationServerHttp(
                    TlsContexts.camera(tlsImplementation, trustAnchors, Optional.empty()),
                    transport.threads().ioThreads(), limits);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context for the trust anchors", e);
        }
    }

    /** Closes the connection kept open to the authorization server; later requests fail. */
    @Override
    public void close() {
        http.close();
    }

    /**
     * A supplier for one uplink connector. The connector asks again only when it holds no token, when its token
     * expires soon, or when the cloud refused it; in the last case the cached token is not handed out again.
     */
    public AccessTokenSupplier supplier() {
        return new AccessTokenSupplier() {
            private AccessToken handedOut;

            @Override
            public CompletionStage<AccessToken> fetch() {
                AccessToken refused = handedOut;
                return token(Optional.ofNullable(refused)).thenApply(token -> {
                    handedOut = token;
                    return token;
                });
            }
        };
    }

    /** A token: the cached one when still fresh and not {@code refused}, else a new one. */
    public CompletionStage<AccessToken> token(Optional<AccessToken> refused) {
        synchronized (this) {
            if (cached != null && !cached.expiresWithin(refreshMargin, clock)
                    && !refused.map(cached::equals).orElse(false)) {
                return CompletableFuture.completedFuture(cached);
            }
        }
        return metadata().thenApplyAsync(this::tokenRequest, signer).thenCompose(this::requestToken)
                .thenApply(token -> {
                    synchronized (this) {
                        cached = token;
                    }
                    return token;
                });
    }

    // ---------------------------------------------------------------------------------------------- metadata

    private CompletionStage<AuthorizationServerMetadata> metadata() {
        synchronized (this) {
            if (metadata != null) {
                return CompletableFuture.completedFuture(metadata);
            }
        }
        List<Candidate> candidates = candidates(configuration.serverUri());
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletionStage<AuthorizationServerMetadata> attempt = fetchMetadata(candidates.get(0));
        for (Candidate next : candidates.subList(1, candidates.size())) {
            attempt = attempt.handle((found, error) -> {
                if (error == null) {
                    return CompletableFuture.completedFuture(found);
                }
                failures.add(message(error));
                return fetchMetadata(next);
            }).thenCompose(s -> s);
        }
        // Every candidate failed: report them all (an issuer mismatch at the first location is not hidden by a
        // 404 at the second).
        attempt = attempt.handle((found, error) -> {
            if (error == null) {
                return found;
            }
            failures.add(message(error));
            throw new TokenException(String.join("; ", failures), unwrap(error));
        });
        return attempt.thenApply(found -> {
            synchronized (this) {
                metadata = found;
            }
            return found;
        });
    }

    /** Where to look, in order, and the issuer the document must name (RFC 8414 section 3). */
    private record Candidate(URI location, Optional<URI> expectedIssuer) {
    }

    static List<Candidate> candidates(URI serverUri) {
        String path = Optional.ofNullable(serverUri.getRawPath()).orElse("");
        String origin = serverUri.getScheme() + "://" + serverUri.getRawAuthority();
        List<Candidate> candidates = new ArrayList<>();
        if (path.contains(WELL_KNOWN)) {
            // The ServerUri is the metadata document itself, as the Security specification's example shows.
            candidates.add(new Candidate(serverUri, Optional.empty()));
            return candidates;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        URI issuer = URI.create(origin + trimmed);
        candidates.add(new Candidate(URI.create(origin + "/.well-known/oauth-authorization-server" + trimmed),
                Optional.of(issuer)));
        candidates.add(new Candidate(URI.create(origin + trimmed + "/.well-known/openid-configuration"),
                Optional.of(issuer)));
        return candidates;
    }

    private CompletionStage<AuthorizationServerMetadata> fetchMetadata(Candidate candidate) {
        Request request = new Request("GET", candidate.location(), Map.of("accept", "application/json"),
                new byte[0]);
        return send(request, "metadata").thenApply(response -> {
            if (response.status() != 200) {
                throw new TokenException("authorization server metadata at " + candidate.location()
                        + " answered HTTP " + response.status());
            }
            JsonNode document = json(response.body(), "metadata");
            URI issuer = uri(document, "issuer", "metadata");
            candidate.expectedIssuer().ifPresent(expected -> {
                if (!expected.equals(issuer)) {
                    throw new TokenException("authorization server metadata names issuer " + issuer
                            + ", not " + expected);
                }
            });
            try {
                return new AuthorizationServerMetadata(issuer, uri(document, "token_endpoint", "metadata"));
            } catch (IllegalArgumentException e) {
                throw new TokenException("authorization server metadata: " + e.getMessage());
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- token

    /** A signed token request and when it was made. */
    private record TokenRequest(Request request, Instant asked) {
    }

    /** The token request with a fresh client assertion (ECDSA signing: run on the signer). */
    private TokenRequest tokenRequest(AuthorizationServerMetadata found) {
        ClientAssertion assertion = assertions.create(found.tokenEndpoint().toString());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", configuration.clientID().orElseThrow());
        form.put("client_assertion_type", ClientAssertion.ASSERTION_TYPE);
        form.put("client_assertion", assertion.serialized());
        configuration.scope().filter(scope -> !scope.isBlank()).ifPresent(scope -> form.put("scope", scope));
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        Request request = new Request("POST", found.tokenEndpoint(), Map.of(
                "content-type", "application/x-www-form-urlencoded", "accept", "application/json"),
                body.getBytes(StandardCharsets.UTF_8));
        return new TokenRequest(request, clock.instant());
    }

    private CompletionStage<AccessToken> requestToken(TokenRequest tokenRequest) {
        Instant asked = tokenRequest.asked();
        return send(tokenRequest.request(), "token").thenApply(response -> {
            if (response.status() != 200) {
                // RFC 6749 section 5.2: the error code, when the body is the JSON it should be
                String error = "";
                try {
                    error = json(response.body(), "token response").path("error").asText("");
                } catch (TokenException e) {
                    // no error code to report
                }
                throw new TokenException("token endpoint answered HTTP " + response.status()
                        + (error.isEmpty() ? "" : " " + error.replaceAll("[^\\x20-\\x7e]", "?")));
            }
            JsonNode document = json(response.body(), "token response");
            String tokenType = document.path("token_type").asText("");
            if (!tokenType.equalsIgnoreCase("Bearer")) {
                throw new TokenException("token endpoint issued a token of type '" + tokenType + "', not Bearer");
            }
            String value = document.path("access_token").asText("");
            Optional<Instant> expiresAt = document.has("expires_in") && document.get("expires_in").canConvertToLong()
                    ? Optional.of(asked.plusSeconds(document.get("expires_in").asLong()))
                    : Optional.empty();
            try {
                return new AccessToken(value, expiresAt);
            } catch (IllegalArgumentException e) {
                throw new TokenException("token endpoint issued no usable access_token");
            }
        });
    }

    // ---------------------------------------------------------------------------------------------- HTTP

    private CompletionStage<Response> send(Request request, String what) {
        return http.send(request).handle((response, error) -> {
            if (error == null) {
                return response;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof AuthorizationServerHttp.Failure failure
                    && failure.reason() == AuthorizationServerHttp.Failure.Reason.RESPONSE_TOO_LARGE) {
                throw new TokenException("the authorization server's " + what + " is too large (over "
                        + maxResponseBytes / 1024 + " KiB)", cause);
            }
            throw new TokenException("cannot reach the authorization server for " + what + " ("
                    + request.uri().getHost() + "): " + Optional.ofNullable(cause.getMessage())
                    .orElse(cause.getClass().getSimpleName()), cause);
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String message(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof TokenException ? cause.getMessage() : cause.toString();
    }

    private static JsonNode json(byte[] body, String what) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new TokenException("the authorization server's " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new TokenException("the authorization server's " + what + " is not JSON");
        }
    }

    private static URI uri(JsonNode document, String field, String what) {
        String text = document.path(field).asText("");
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new TokenException("the authorization server's " + what + " has no https " + field);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new TokenException("the authorization server's " + what + " has no valid " + field);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
