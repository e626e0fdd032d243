package dev.onvifcloud.cloud.provisioning;

import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.protocol.OpenApiDocument;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Provisioning Cloud Service's HTTP routes: {@code POST /startDeviceSharing}, our OpenAPI document and our
 * share-token keys. Add {@link #routes()} to an {@code ApiServer}.
 */
public final class ProvisioningApi {

    public static final String START_DEVICE_SHARING = "/startDeviceSharing";
    public static final String OPENAPI = "/openapi.yaml";
    public static final String JWKS = "/.well-known/jwks.json";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningApi.class);

    private final ProvisioningService service;

    public ProvisioningApi(ProvisioningService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    public List<Route> routes() {
        return List.of(
                Route.postJson(START_DEVICE_SHARING,
                        request -> CompletableFuture.completedFuture(startDeviceSharing(request))),
                Route.get(OPENAPI, request -> CompletableFuture.completedFuture(
                        ApiResponse.text(200, "application/yaml", OpenApiDocument.yaml()))),
                Route.get(JWKS, request -> CompletableFuture.completedFuture(
                        ApiResponse.text(200, "application/jwk-set+json", service.publicKeys().toJson()))));
    }

    private ApiResponse startDeviceSharing(ApiRequest request) {
        String actor = "ocs@" + request.remoteAddress().getAddress().getHostAddress();
        Outcome<SharingAcceptance, SharingRejection> outcome = service.startDeviceSharing(request.body(), actor);
        outcome.accepted().ifPresent(accepted -> LOG.info(
                "startDeviceSharing {} request {} with {} operation(s) from {} [correlation {}]",
                accepted.replayed() ? "replayed" : "accepted", accepted.requestId(), accepted.operations().size(),
                actor, request.correlationId()));
        outcome.refusal().ifPresent(rejection -> LOG.info(
                "startDeviceSharing refused from {}: {} at configuration {} ({}) [correlation {}]", actor,
                rejection.reason(), rejection.index().map(String::valueOf).orElse("-"), rejection.detail(),
                request.correlationId()));
        return response(outcome);
    }

    /** The one mapping of an outcome to HTTP: {@code 200} with an empty body, or {@code 400} with {@code deviceSharingError}. */
    ApiResponse response(Outcome<SharingAcceptance, SharingRejection> outcome) {
        return outcome.refusal()
                .map(rejection -> ApiResponse.json(400, service.json().write(rejection.reason().error())))
                .orElseGet(() -> ApiResponse.empty(200));
    }
}
