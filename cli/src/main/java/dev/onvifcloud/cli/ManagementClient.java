package dev.onvifcloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A client of a cloud's owner APIs ({@code /api/v1}) over HTTPS, as an owner's tools would use them: an MCS's
 * management API (claims, share tokens) and an OCS's camera API (adding cameras by share token, listing them).
 */
final class ManagementClient {

    /** A response: its status and JSON body ({@code {}} when empty). */
    record Answer(int status, JsonNode body) {
        boolean is(int expected) {
            return status == expected;
        }

        /** The problem's {@code error} message, or empty text. */
        String error() {
            return body.path("error").asText("");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String apiKey;

    ManagementClient(URI base, String apiKey, SSLContext tls) {
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(TIMEOUT).build();
        this.base = base;
        this.apiKey = apiKey;
    }

    Answer claim(String serialNumber, String claimCode) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("claimCode", claimCode);
        return send("POST", "/api/v1/devices/" + segment(serialNumber) + "/claim", body);
    }

    Answer devices() throws IOException, InterruptedException {
        return send("GET", "/api/v1/devices", null);
    }

    Answer issueShareToken(String serialNumber, String mode) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("mode", mode);
        return send("POST", "/api/v1/devices/" + segment(serialNumber) + "/share-tokens", body);
    }

    /** {@code POST /api/v1/cameras}: adds one camera per share token, in one request. */
    Answer addCameras(List<String> shareTokens) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode tokens = body.putArray("shareTokens");
        shareTokens.forEach(tokens::add);
        return send("POST", "/api/v1/cameras", body);
    }

    /** {@code GET /api/v1/cameras}: the account's cameras on an OCS, with their states. */
    Answer cameras() throws IOException, InterruptedException {
        return send("GET", "/api/v1/cameras", null);
    }

    private Answer send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
