package dev.onvifcloud.cloud.authorization;

import static dev.onvifcloud.cloud.management.OpenApiConformance.assertConforms;
import static dev.onvifcloud.cloud.management.OpenApiConformance.assertRequestConforms;
import static dev.onvifcloud.cloud.management.OpenApiConformance.problems;
import static dev.onvifcloud.cloud.management.OpenApiConformance.requestProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvifcloud.cloud.http.RateLimit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization server's real answers (over HTTPS, from {@link AuthorizationServer#routes()}) against our OpenAPI
 * document: the metadata at both paths, the access-token keys, and every status of the token endpoint with its
 * RFC 6749 body and headers.
 */
class AuthorizationOpenApiTest {

    private static final String TOKEN = AuthorizationServerSettings.TOKEN_PATH;

    @TempDir
    static Path directory;

    static AuthorizationWorld world;

    @BeforeAll
    static void start() {
        world = new AuthorizationWorld(directory.resolve("as"), builder -> builder.grantableScopes(Set.of("uplink")));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void metadata_and_key_responses_conform() throws Exception {
        for (String path : List.of(ServerMetadata.OAUTH_PATH, ServerMetadata.OPENID_PATH)) {
            HttpResponse<String> metadata = world.get(path);
            assertConforms(path, 200, metadata);
            assertThat(new ObjectMapper().readTree(metadata.body()).path("scopes_supported").toString())
                    .isEqualTo("[\"uplink\"]");
        }
        assertConforms(AuthorizationServerSettings.JWKS_PATH, 200, world.get(AuthorizationServerSettings.JWKS_PATH));
    }

    @Test
    void a_granted_token_conforms() throws Exception {
        ECKey key = world.registeredClient("camera-granted");
        Map<String, String> form = AuthorizationWorld.grant(world.assertion("camera-granted", key).serialized());
        form.put("scope", "uplink");
        form.put("client_id", "camera-granted");

        assertRequestConforms(TOKEN, "POST", "application/x-www-form-urlencoded", encode(form));
        HttpResponse<String> granted = world.postForm(form);
        assertConforms(TOKEN, 200, granted);
        assertThat(granted.headers().firstValue("cache-control")).hasValue("no-store");
        assertThat(new ObjectMapper().readTree(granted.body()).path("scope").asText()).isEqualTo("uplink");
    }

    @Test
    void every_refusal_of_the_token_endpoint_conforms() throws Exception {
        ECKey key = world.registeredClient("camera-refused");
        Map<String, String> otherGrant = AuthorizationWorld.grant(world.assertion("camera-refused", key).serialized());
        otherGrant.put("grant_type", "password");
        Map<String, String> otherScope = AuthorizationWorld.grant(world.assertion("camera-refused", key).serialized());
        otherScope.put("scope", "admin");

        assertRefusal(400, "invalid_request", world.postRaw("grant_type=client_credentials", "application/json"));
        assertRefusal(400, "invalid_request", world.postRaw("client_assertion=x", "application/x-www-form-urlencoded"));
        assertRefusal(400, "unsupported_grant_type", world.postForm(otherGrant));
        assertRefusal(400, "invalid_scope", world.postForm(otherScope));
        assertRefusal(401, "invalid_client", world.postForm(Map.of("grant_type", "client_credentials")));
        assertRefusal(401, "invalid_client", world.postForm(AuthorizationWorld.grant(
                world.assertion("camera-unknown", AuthorizationWorld.newKey("k")).serialized())));
        world.database.clients().revoke("camera-refused", world.clock.instant());
        assertRefusal(400, "unauthorized_client", world.postForm(
                AuthorizationWorld.grant(world.assertion("camera-refused", key).serialized())));
    }

    @Test
    void a_rate_limited_request_conforms() throws Exception {
        try (AuthorizationWorld limited = new AuthorizationWorld(directory.resolve("limited"),
                builder -> builder.rateLimit(new RateLimit(1, 0.1)))) {
            ECKey key = limited.registeredClient("camera-busy");
            assertConforms(TOKEN, 200, limited.postForm(
                    AuthorizationWorld.grant(limited.assertion("camera-busy", key).serialized())));

            HttpResponse<String> slowDown = limited.postForm(
                    AuthorizationWorld.grant(limited.assertion("camera-busy", key).serialized()));

            assertRefusal(429, "slow_down", slowDown);
            assertThat(slowDown.headers().firstValue("retry-after")).hasValue("10");
        }
    }

    /**
     * The checks can fail: a missing Cache-Control or Retry-After, an error code RFC 6749 does not define, a
     * missing member; a form without grant_type, a request that is not a form.
     */
    @Test
    void the_checks_refuse_answers_the_document_does_not_describe() {
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/json"),
                "cache-control", List.of("no-store"), "pragma", List.of("no-cache"));

        assertThat(problems(TOKEN, "POST", 400, "{\"error\":\"invalid_request\"}", headers)).isEmpty();
        assertThat(problems(TOKEN, "POST", 400, "{\"error\":\"invalid_request\"}",
                Map.of("content-type", List.of("application/json"), "pragma", List.of("no-cache")))).isNotEmpty();
        assertThat(problems(TOKEN, "POST", 429, "{\"error\":\"slow_down\"}", headers)).isNotEmpty();
        assertThat(problems(TOKEN, "POST", 400, "{\"error\":\"bad\"}", headers)).isNotEmpty();
        assertThat(problems(TOKEN, "POST", 200, "{\"access_token\":\"t\",\"token_type\":\"Bearer\"}", headers))
                .isNotEmpty();
        assertThat(requestProblems(TOKEN, "POST", "application/x-www-form-urlencoded",
                "client_assertion_type=x&client_assertion=y")).isNotEmpty();
        assertThat(requestProblems(TOKEN, "POST", "application/json", "{}")).isNotEmpty();
    }

    private static void assertRefusal(int status, String error, HttpResponse<String> response) throws Exception {
        assertConforms(TOKEN, status, response);
        assertThat(new ObjectMapper().readTree(response.body()).path("error").asText()).isEqualTo(error);
        assertThat(response.headers().firstValue("cache-control")).hasValue("no-store");
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
