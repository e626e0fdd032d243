package dev.onvifcloud.cloud.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8414 metadata at both well-known paths, and the access-token keys. */
class MetadataTest {

    @TempDir
    Path tempDir;

    private AuthorizationWorld world;

    @BeforeEach
    void start() {
        world = new AuthorizationWorld(tempDir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"})
    void serves_the_metadata(String path) throws Exception {
        HttpResponse<String> response = world.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode metadata = new ObjectMapper().readTree(response.body());
        assertThat(metadata.path("issuer").asText()).isEqualTo(world.issuer().toString());
        assertThat(metadata.path("token_endpoint").asText()).isEqualTo(world.issuer() + "/oauth2/token");
        assertThat(metadata.path("jwks_uri").asText()).isEqualTo(world.issuer() + "/oauth2/jwks.json");
        assertThat(metadata.path("grant_types_supported").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(metadata.path("token_endpoint_auth_methods_supported").toString()).isEqualTo("[\"private_key_jwt\"]");
        assertThat(metadata.path("token_endpoint_auth_signing_alg_values_supported").toString())
                .isEqualTo("[\"ES256\",\"PS256\",\"RS256\"]");
        assertThat(metadata.path("response_types_supported").isArray()).isTrue();
        assertThat(metadata.path("response_types_supported")).isEmpty();
    }

    @Test
    void publishes_the_public_access_token_key_only() throws Exception {
        HttpResponse<String> response = world.get("/oauth2/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(response.body());
        assertThat(keys.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo("as-key-1");
            assertThat(key.isPrivate()).isFalse();
        });
        assertThat(response.body()).doesNotContain("\"d\"");
    }
}
