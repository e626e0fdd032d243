package dev.onvifcloud.cloud.operational;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvifcloud.cloud.http.ApiRequest;
import dev.onvifcloud.cloud.http.ApiResponse;
import dev.onvifcloud.cloud.http.RequestBody;
import dev.onvifcloud.cloud.http.Route;
import dev.onvifcloud.cloud.management.ApiKeyAuthentication;
import dev.onvifcloud.cloud.management.ManagementError;
import dev.onvifcloud.cloud.management.ManagementJson;
import dev.onvifcloud.cloud.management.ManagementProblem;
import dev.onvifcloud.cloud.management.ManagementProblem.Refused;
import dev.onvifcloud.cloud.registry.OnvifClient;
import dev.onvifcloud.cloud.storage.ApiKey;
import dev.onvifcloud.cloud.storage.AuditEvent;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.cloud.storage.OcsCameraState;
import dev.onvifcloud.cloud.storage.Outcome;
import dev.onvifcloud.cloud.storage.Storage;
import dev.onvifcloud.protocol.DeviceSharingError;
import dev.onvifcloud.soap.OnvifService;
import dev.onvifcloud.uplink.UplinkBody;
import dev.onvifcloud.uplink.UplinkException;
import dev.onvifcloud.uplink.UplinkHeaders;
import dev.onvifcloud.uplink.UplinkRequest;
import dev.onvifcloud.uplink.UplinkResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Operational Cloud Service's HTTP routes, for an {@code ApiServer}:
 * <ul>
 *   <li>{@code POST /deviceSharingCompleted} (Cloud Integration 25.12, 5.2), unauthenticated as the specification
 *       says: {@code 200} with an empty body, or, for every refusal alike, {@code 400} with the specification's only
 *       error body, {@code {"error":"Invalid configuration"}} (the real reason is logged and audited);</li>
 *   <li>the camera API, authenticated with an API key, each account seeing only its own cameras (another account's
 *       camera is {@code 404}): {@code POST /api/v1/cameras} {@code {"shareTokens":[...]}} (per-token results),
 *       {@code GET /api/v1/cameras}, {@code GET} and {@code DELETE /api/v1/cameras/{id}}, and
 *       {@code POST /api/v1/cameras/{id}/onvif/{service}}, which passes one SOAP 1.2 envelope to the camera's
 *       service ({@code device}, {@code advanced-security}, {@code uplink}, {@code events}) through its uplink and
 *       answers the camera's status (200, or 400/500 for a fault) and envelope.</li>
 * </ul>
 */
public final class OperationalApi {

    public static final String DEVICE_SHARING_COMPLETED = "/deviceSharingCompleted";
    public static final String CAMERAS = "/api/v1/cameras";
    public static final String CAMERA = CAMERAS + "/{id}";
    public static final String PASS_THROUGH = CAMERA + "/onvif/{service}";
    public static final String SOAP_CONTENT_TYPE = "application/soap+xml";

    private static final Logger LOG = LoggerFactory.getLogger(OperationalApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SHARE_TOKENS = "shareTokens";
    private static final Map<String, OnvifService> SERVICES = Map.of(
            "device", OnvifService.DEVICE,
            "advanced-security", OnvifService.ADVANCED_SECURITY,
            "uplink", OnvifService.UPLINK,
            "events", OnvifService.EVENTS);

    private final OperationalService service;
    private final ConnectedCameras cameras;
    private final Storage storage;
    private final ApiKeyAuthentication authentication;

    public OperationalApi(OperationalService service, ConnectedCameras cameras, Storage storage) {
        this.service = Objects.requireNonNull(service, "service");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.authentication = new ApiKeyAuthentication(storage);
    }

    public List<Route> routes() {
        return List.of(
                Route.postJson(DEVICE_SHARING_COMPLETED,
                        request -> CompletableFuture.completedFuture(deviceSharingCompleted(request))),
                authentication.route("POST", CAMERAS, RequestBody.JSON, this::add),
                authentication.route("GET", CAMERAS, RequestBody.NONE, this::list),
                authentication.route("GET", CAMERA, RequestBody.NONE, this::detail),
                authentication.route("DELETE", CAMERA, RequestBody.NONE, this::remove),
                // NONE: the server checks only JSON bodies; the media type is checked here.
                authentication.route("POST", PASS_THROUGH, RequestBody.NONE, this::passThrough));
    }

    // ------------------------------------------------------------------------------ deviceSharingCompleted

    private ApiResponse deviceSharingCompleted(ApiRequest request) {
        String actor = "pcs@" + request.remoteAddress().getAddress().getHostAddress();
        Outcome<OcsCamera, CompletionRefusal> outcome = service.deviceSharingCompleted(request.body(), actor);
        if (outcome.isAccepted()) {
            return ApiResponse.empty(200);
        }
        LOG.info("deviceSharingCompleted refused from {}: {} [correlation {}]", actor, outcome.refusal().get(),
                request.correlationId());
        return refusal();
    }

    /** The one answer to every refused {@code deviceSharingCompleted}. */
    ApiResponse refusal() {
        return ApiResponse.json(400, service.json().write(DeviceSharingError.invalidConfiguration()));
    }

    // ------------------------------------------------------------------------------------------ camera API

    private ApiResponse add(ApiRequest request, ApiKey key) throws Refused {
        ManagementJson.read(request.body(), Set.of(SHARE_TOKENS));
        List<String> tokens = shareTokens(request.body());
        List<AddedCamera> results = service.addCameras(key.accountId(), tokens, ApiKeyAuthentication.actor(key));
        ObjectNode body = ManagementJson.object();
        ArrayNode array = body.putArray("results");
        for (AddedCamera result : results) {
            ObjectNode node = array.addObject().put("index", result.index());
            result.camera().ifPresent(camera -> node.set("camera", camera(camera)));
            result.refusal().ifPresent(refusal -> node.put("refused", refusal.name()));
        }
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    /** The array of share tokens, already known to be one object of known members. */
    private List<String> shareTokens(byte[] body) throws Refused {
        JsonNode array;
        try {
            array = MAPPER.readTree(body).get(SHARE_TOKENS);
        } catch (IOException e) {
            throw new Refused(ManagementProblem.of(ManagementError.MALFORMED_JSON, "The body is not valid JSON"));
        }
        String pointer = ManagementJson.pointer(SHARE_TOKENS);
        if (array == null || array.isNull()) {
            throw new Refused(ManagementProblem.atField(ManagementError.MISSING_FIELD, pointer,
                    "Required member shareTokens is missing"));
        }
        int max = service.settings().maxShareTokensPerRequest();
        if (!array.isArray() || array.isEmpty() || array.size() > max) {
            throw new Refused(ManagementProblem.atField(ManagementError.INVALID_FIELD, pointer,
                    "shareTokens must be an array of 1 to " + max + " strings"));
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode token = array.get(i);
            if (!token.isTextual() || token.textValue().isEmpty()) {
                throw new Refused(ManagementProblem.atField(ManagementError.INVALID_FIELD, pointer + "/" + i,
                        "each share token must be a non-empty string"));
            }
            tokens.add(token.textValue());
        }
        return tokens;
    }

    private ApiResponse list(ApiRequest request, ApiKey key) {
        ObjectNode body = ManagementJson.object();
        ArrayNode array = body.putArray("cameras");
        service.cameras(key.accountId()).forEach(camera -> array.add(camera(camera)));
        return ApiResponse.json(200, ManagementJson.bytes(body));
    }

    private ApiResponse detail(ApiRequest request, ApiKey key) throws Refused {
        return ApiResponse.json(200, ManagementJson.bytes(camera(owned(request, key))));
    }

    private ApiResponse remove(ApiRequest request, ApiKey key) throws Refused {
        UUID id = owned(request, key).id();
        OcsCamera removed = service.remove(key.accountId(), id, ApiKeyAuthentication.actor(key))
                .orElseThrow(() -> new Refused(ManagementProblem.notFound("camera")));
        cameras.disconnect(removed.clientId());
        return ApiResponse.json(200, ManagementJson.bytes(camera(removed)));
    }

    private ApiResponse passThrough(ApiRequest request, ApiKey key) throws Refused {
        OcsCamera camera = owned(request, key);
        String serviceName = segment(request, 6);
        OnvifService onvifService = SERVICES.get(serviceName);
        if (onvifService == null) {
            throw new Refused(ManagementProblem.notFound("service"));
        }
        String contentType = request.header("content-type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(SOAP_CONTENT_TYPE)) {
            return CameraApiError.UNSUPPORTED_MEDIA_TYPE.response();
        }
        int max = service.settings().maxSoapBytes();
        if (request.body().length > max) {
            return CameraApiError.PAYLOAD_TOO_LARGE.response();
        }
        Optional<OnvifClient> client = cameras.client(camera.clientId());
        if (client.isEmpty()) {
            return CameraApiError.CAMERA_NOT_CONNECTED.response();
        }
        String path = OnvifClient.SERVICE_PATHS.get(onvifService);
        UplinkRequest forwarded = UplinkRequest.post(path, UplinkHeaders.of("content-type", contentType),
                UplinkBody.of(request.body()));
        ApiResponse response = forward(client.get(), forwarded, max);
        audit(key, "ocs-camera.onvif", camera.id().toString(), "service=" + serviceName + " request-bytes="
                + request.body().length + " status=" + response.status());
        return response;
    }

    private ApiResponse forward(OnvifClient client, UplinkRequest request, int max) {
        var timeout = service.settings().cameraRequestTimeout();
        CompletableFuture<UplinkResponse> sent = client.session().send(request, timeout);
        UplinkResponse answer;
        try {
            answer = sent.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return CameraApiError.CAMERA_UNREACHABLE.response();
        } catch (TimeoutException e) {
            sent.cancel(true);
            return CameraApiError.CAMERA_UNREACHABLE.response();
        } catch (ExecutionException e) {
            LOG.info("pass-through to {} failed: {}", client.session().identity(),
                    e.getCause() instanceof UplinkException u ? u.reason() : e.getCause().toString());
            return CameraApiError.CAMERA_UNREACHABLE.response();
        }
        byte[] body;
        try (InputStream stream = answer.body().stream()) {
            body = stream.readNBytes(max + 1);
        } catch (IOException e) {
            return CameraApiError.CAMERA_UNREACHABLE.response();
        }
        int status = answer.status();
        if ((status != 200 && status != 400 && status != 500) || body.length > max || body.length == 0) {
            return CameraApiError.BAD_CAMERA_RESPONSE.response();
        }
        String type = answer.headers().first("content-type").orElse(SOAP_CONTENT_TYPE);
        if (!type.toLowerCase(Locale.ROOT).startsWith(SOAP_CONTENT_TYPE)) {
            return CameraApiError.BAD_CAMERA_RESPONSE.response();
        }
        return new ApiResponse(status, Optional.of(type), body, Map.of());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The account's camera named by the path, else 404 whether it is unknown or someone else's. */
    private OcsCamera owned(ApiRequest request, ApiKey key) throws Refused {
        UUID id;
        try {
            id = UUID.fromString(segment(request, 4));
        } catch (IllegalArgumentException e) {
            throw new Refused(ManagementProblem.notFound("camera"));
        }
        return service.camera(key.accountId(), id).orElseThrow(() -> new Refused(ManagementProblem.notFound("camera")));
    }

    private static String segment(ApiRequest request, int index) {
        String[] segments = request.path().split("/", -1);
        return index < segments.length ? segments[index] : "";
    }

    /** A camera as the API shows it. */
    private ObjectNode camera(OcsCamera camera) {
        ObjectNode node = ManagementJson.object()
                .put("id", camera.id().toString())
                .put("state", stateName(camera))
                .put("connected", cameras.isConnected(camera.clientId()))
                .put("serialNumber", camera.serialNumber())
                .put("model", camera.model())
                .put("manufacturer", camera.manufacturer())
                .put("xaddr", camera.xaddr().toString())
                .put("issuer", camera.issuer())
                .put("clientId", camera.clientId())
                .put("shareTokenExpiresAt", camera.tokenExpiresAt().toString())
                .put("attempts", camera.attempts())
                .put("createdAt", camera.created().toString());
        camera.reason().ifPresent(reason -> node.put("reason", reason));
        camera.lastError().filter(error -> camera.state() == OcsCameraState.PENDING)
                .ifPresent(error -> node.put("lastError", error));
        if (camera.state() == OcsCameraState.PENDING) {
            node.put("nextAttemptAt", camera.nextAttemptAt().toString());
        }
        camera.sharingRequested().ifPresent(at -> node.put("sharingRequestedAt", at.toString()));
        camera.registered().ifPresent(at -> node.put("registeredAt", at.toString()));
        camera.verified().ifPresent(at -> node.put("verifiedAt", at.toString()));
        camera.lastSeen().ifPresent(at -> node.put("lastSeenAt", at.toString()));
        camera.removed().ifPresent(at -> node.put("removedAt", at.toString()));
        return node;
    }

    /**
     * pending, sharing-requested, registered, connected (verified with a live uplink), verified (not connected now),
     * failed, identity-mismatch, removed.
     */
    private String stateName(OcsCamera camera) {
        if (camera.state() == OcsCameraState.VERIFIED) {
            return cameras.isConnected(camera.clientId()) ? "connected" : "verified";
        }
        return camera.state().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void audit(ApiKey key, String action, String subject, String detail) {
        storage.auditLog().append(new AuditEvent(Instant.now(service.settings().clock()),
                ApiKeyAuthentication.actor(key), action, subject, detail));
    }
}
