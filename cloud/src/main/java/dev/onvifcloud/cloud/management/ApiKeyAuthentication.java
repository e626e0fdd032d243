package dev.onvifcloud.cloud.management;

import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.RequestBody;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.management.ManagementProblem.Refused;
import dev.onvifcloud.cloud.storage.ApiKey;
import dev.onvifcloud.cloud.storage.ApiKeyRefusal;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.Storage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API-key authentication ({@code Authorization: Bearer <api key>}) for every authenticated API of a cloud: the
 * owner's management API and the operational camera API. A missing key answers {@link ManagementError#API_KEY_MISSING}
 * (401 with {@code WWW-Authenticate}); a malformed, unknown, wrong or revoked one answers
 * {@link ManagementError#API_KEY_INVALID}, the same for all four, and the reason goes to the log only.
 */
public final class ApiKeyAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthentication.class);
    private static final String BEARER = "bearer ";

    /** A handler of a request whose API key was verified. */
    @FunctionalInterface
    public interface Authenticated {
        ApiResponse handle(ApiRequest request, ApiKey key) throws Refused;
    }

    private final Storage storage;

    public ApiKeyAuthentication(Storage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /** A route whose handler runs only for a valid API key; a {@link Refused} becomes its problem response. */
    public Route route(String method, String path, RequestBody body, Authenticated handler) {
        Objects.requireNonNull(handler, "handler");
        return new Route(method, path, body, request -> CompletableFuture.completedFuture(answer(request, handler)));
    }

    private ApiResponse answer(ApiRequest request, Authenticated handler) {
        try {
            return handler.handle(request, authenticate(request));
        } catch (Refused refused) {
            return refused.problem().response();
        }
    }

    /** The API key of {@code request}, or the problem to answer with. */
    public ApiKey authenticate(ApiRequest request) throws Refused {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty()) {
            throw new Refused(ManagementProblem.of(ManagementError.API_KEY_MISSING, "An API key is required"));
        }
        String value = authorization.get();
        if (value.length() <= BEARER.length()
                || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new Refused(ManagementProblem.of(ManagementError.API_KEY_MISSING,
                    "An API key is required as a Bearer token"));
        }
        Outcome<ApiKey, ApiKeyRefusal> outcome = storage.apiKeys().authenticate(value.substring(BEARER.length()).trim());
        if (outcome.refusal().isPresent()) {
            LOG.info("API key refused from {}: {} [correlation {}]",
                    request.remoteAddress().getAddress().getHostAddress(), outcome.refusal().get(),
                    request.correlationId());
            throw new Refused(ManagementProblem.of(ManagementError.API_KEY_INVALID, "The API key is not valid"));
        }
        return outcome.value();
    }

    /** How an API key appears in the audit log. */
    public static String actor(ApiKey key) {
        return "account:" + key.accountId() + " key:" + key.keyId();
    }
}
