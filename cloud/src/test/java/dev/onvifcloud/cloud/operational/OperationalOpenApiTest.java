package dev.onvifcloud.cloud.operational;

import static dev.onvifcloud.cloud.management.OpenApiConformance.assertConforms;
import static dev.onvifcloud.cloud.management.OpenApiConformance.assertRequestConforms;
import static dev.onvifcloud.cloud.management.OpenApiConformance.problems;
import static dev.onvifcloud.cloud.management.OpenApiConformance.requestProblems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onvifcloud.cloud.http.TlsClients;
import dev.onvifcloud.cloud.storage.IssuedApiKey;
import dev.onvifcloud.cloud.storage.OcsCamera;
import dev.onvifcloud.security.csr.CertificationRequest;
import dev.onvifcloud.security.csr.KeyAlgorithm;
import dev.onvifcloud.security.token.ShareToken;
import dev.onvifcloud.soap.SoapCodec;
import dev.onvifcloud.soap.device.DeviceOperations;
import dev.onvifcloud.soap.device.GetDeviceInformation;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Operational Cloud Service's real answers (over HTTPS, from {@link OperationalApi}'s routes) against our OpenAPI
 * document: {@code deviceSharingCompleted} and the camera API, each operation's success and each of its refusals. The
 * pass-through's answers that need a connected camera are {@link CameraOpenApiTest}'s.
 */
class OperationalOpenApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CAMERAS = OperationalApi.CAMERAS;
    private static final String CAMERA = OperationalApi.CAMERA;
    private static final String PASS_THROUGH = OperationalApi.PASS_THROUGH;

    @TempDir
    static Path directory;

    static OcsWorld world;
    static HttpClient http;

    @BeforeAll
    static void start() {
        world = new OcsWorld(directory);
        http = TlsClients.httpClient(OcsWorld.PKI.localCaCertificate(), HttpClient.Version.HTTP_1_1);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    // ------------------------------------------------------------------------------------ deviceSharingCompleted

    @Test
    void device_sharing_completed_responses_conform() throws Exception {
        ShareToken token = world.token("SN-DSC-" + UUID.randomUUID());
        world.add(token);
        String completed = completedBody(token.serialized());
        String template = OperationalApi.DEVICE_SHARING_COMPLETED;

        assertRequestConforms(template, "POST", "application/json", completed);
        assertConforms(template, 200, send(null, "POST", template, "application/json", completed));
        assertConforms(template, 200, send(null, "POST", template, "application/json", completed));
        HttpResponse<String> unknown = send(null, "POST", template, "application/json",
                completedBody(world.token("SN-UNKNOWN").serialized()));
        assertConforms(template, 400, unknown);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"Invalid configuration\"}");
        assertConforms(template, 400, send(null, "POST", template, "application/json", "{}"));
        assertConforms(template, 400, send(null, "POST", template, "application/json",
                completedBody(token.serialized()).replace("\"devicePublicKey\":\"", "\"devicePublicKey\":\"MAMCAQE")));
    }

    // ------------------------------------------------------------------------------------------------- cameras

    @Test
    void add_responses_conform() throws Exception {
        String added = "{\"shareTokens\":[\"" + world.token("SN-ADD-" + UUID.randomUUID()).serialized()
                + "\",\"garbage\"]}";

        assertRequestConforms(CAMERAS, "POST", "application/json", added);
        HttpResponse<String> results = send(world.ownerKey, "POST", CAMERAS, "application/json", added);
        assertConforms(CAMERAS, 200, results);
        assertThat(json(results).path("results").findValuesAsText("refused")).containsExactly("MALFORMED_TOKEN");
        assertThat(json(results).path("results").get(0).path("camera").path("state").asText()).isEqualTo("pending");
        assertConforms(CAMERAS, 400, send(world.ownerKey, "POST", CAMERAS, "application/json", "{\"shareTokens\":[]}"));
        assertConforms(CAMERAS, 400, send(world.ownerKey, "POST", CAMERAS, "application/json", "{}"));
        assertConforms(CAMERAS, 400, send(world.ownerKey, "POST", CAMERAS, "application/json",
                "{\"shareTokens\":[\"x\"],\"owner\":\"me\"}"));
        assertConforms(CAMERAS, 400, send(world.ownerKey, "POST", CAMERAS, "application/json",
                "{\"shareTokens\":[\"\"]}"));
        assertConforms(CAMERAS, 400, send(world.ownerKey, "POST", CAMERAS, "application/json", "[1]"));
        assertConforms(CAMERAS, 415, send(world.ownerKey, "POST", CAMERAS, "text/plain", "{}"));
        assertConforms(CAMERAS, 401, send(null, "POST", CAMERAS, "application/json", added));
    }

    @Test
    void list_show_and_remove_responses_conform() throws Exception {
        OcsCamera camera = world.add(world.token("SN-LIST-" + UUID.randomUUID())).get(0);
        String path = "/api/v1/cameras/" + camera.id();

        HttpResponse<String> listed = send(world.ownerKey, "GET", CAMERAS, null, null);
        assertConforms(CAMERAS, 200, listed);
        assertThat(json(listed).path("cameras").findValuesAsText("id")).contains(camera.id().toString());
        assertConforms(CAMERAS, 200, send(world.otherKey, "GET", CAMERAS, null, null));
        assertConforms(CAMERAS, 401, send(null, "GET", CAMERAS, null, null));

        assertConforms(CAMERA, 200, send(world.ownerKey, "GET", path, null, null));
        assertConforms(CAMERA, 404, send(world.otherKey, "GET", path, null, null));
        assertConforms(CAMERA, 404, send(world.ownerKey, "GET", CAMERAS + "/" + UUID.randomUUID(), null, null));
        assertConforms(CAMERA, 401, send(null, "GET", path, null, null));

        assertConforms(CAMERA, 404, send(world.otherKey, "DELETE", path, null, null));
        assertConforms(CAMERA, 401, send(null, "DELETE", path, null, null));
        HttpResponse<String> removed = send(world.ownerKey, "DELETE", path, null, null);
        assertConforms(CAMERA, 200, removed);
        assertThat(json(removed).path("state").asText()).isEqualTo("removed");
        assertConforms(CAMERA, 200, send(world.ownerKey, "DELETE", path, null, null));
        assertConforms(CAMERA, 200, send(world.ownerKey, "GET", path, null, null));
    }

    @Test
    void pass_through_refusals_conform() throws Exception {
        OcsCamera camera = world.add(world.token("SN-SOAP-" + UUID.randomUUID())).get(0);
        String path = "/api/v1/cameras/" + camera.id() + "/onvif/";
        String soap = getDeviceInformation();

        assertRequestConforms(PASS_THROUGH, "POST", OperationalApi.SOAP_CONTENT_TYPE, soap);
        HttpResponse<String> notConnected = send(world.ownerKey, "POST", path + "device", "application/soap+xml", soap);
        assertConforms(PASS_THROUGH, 409, notConnected);
        assertThat(notConnected.body()).isEqualTo("{\"error\":\"The camera is not connected\"}");
        assertConforms(PASS_THROUGH, 404, send(world.ownerKey, "POST", path + "media", "application/soap+xml", soap));
        assertConforms(PASS_THROUGH, 404, send(world.otherKey, "POST", path + "device", "application/soap+xml", soap));
        assertConforms(PASS_THROUGH, 415, send(world.ownerKey, "POST", path + "device", "application/json", "{}"));
        assertConforms(PASS_THROUGH, 413, send(world.ownerKey, "POST", path + "events", "application/soap+xml",
                "<x>" + "a".repeat(world.settings.maxSoapBytes()) + "</x>"));
        assertConforms(PASS_THROUGH, 401, send(null, "POST", path + "device", "application/soap+xml", soap));
    }

    /**
     * The checks can fail: a JSON answer where SOAP is declared, a SOAP one where a problem is, a result with neither
     * camera nor refusal, an unknown refusal, another deviceSharingCompleted error; an unknown member in an add
     * request, JSON to the pass-through.
     */
    @Test
    void the_checks_refuse_answers_the_document_does_not_describe() {
        Map<String, List<String>> soap = Map.of("content-type", List.of("application/soap+xml; charset=utf-8"));
        Map<String, List<String>> json = Map.of("content-type", List.of("application/json"));

        assertThat(problems(PASS_THROUGH, "POST", 200, "<env:Envelope/>", soap)).isEmpty();
        assertThat(problems(PASS_THROUGH, "POST", 200, "{}", json)).isNotEmpty();
        assertThat(problems(PASS_THROUGH, "POST", 409, "<env:Envelope/>", soap)).isNotEmpty();
        assertThat(problems(CAMERAS, "POST", 200, "{\"results\":[{\"index\":0}]}", json)).isNotEmpty();
        assertThat(problems(CAMERAS, "POST", 200, "{\"results\":[{\"index\":0,\"refused\":\"NOPE\"}]}", json))
                .isNotEmpty();
        assertThat(problems(OperationalApi.DEVICE_SHARING_COMPLETED, "POST", 400, "{\"error\":\"Invalid\"}", json))
                .isNotEmpty();
        assertThat(requestProblems(CAMERAS, "POST", "application/json", "{\"shareTokens\":[\"x\"],\"owner\":1}"))
                .isNotEmpty();
        assertThat(requestProblems(PASS_THROUGH, "POST", "application/json", "{}")).isNotEmpty();
    }

    // ------------------------------------------------------------------------------------------------- world

    static String completedBody(String shareToken) {
        return "{\"shareToken\":\"" + shareToken + "\",\"devicePublicKey\":\"" + Base64.getEncoder().encodeToString(
                CertificationRequest.create(KeyAlgorithm.EC_P256.generate(), "CN=camera").der()) + "\"}";
    }

    static String getDeviceInformation() {
        return new String(SoapCodec.standard().writeRequest(DeviceOperations.GET_DEVICE_INFORMATION,
                new GetDeviceInformation()), StandardCharsets.UTF_8);
    }

    static HttpResponse<String> send(IssuedApiKey key, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(world.api(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key.key());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }
}
