package dev.onvifcloud.cloud.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import dev.onvifcloud.cloud.http.RateLimit;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-client rate limit at the token endpoint. */
class RateLimitTest {

    @TempDir
    Path tempDir;

    @Test
    void answers_429_with_retry_after_once_a_client_exceeds_its_limit() throws Exception {
        try (AuthorizationWorld world = new AuthorizationWorld(tempDir,
                builder -> builder.rateLimit(new RateLimit(2, 0.1)))) {
            ECKey key = world.registeredClient("camera-1");
            assertThat(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()))
                    .statusCode()).isEqualTo(200);
            assertThat(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()))
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> limited = world.postForm(
                    AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("retry-after")).hasValue("10");
            assertThat(new ObjectMapper().readTree(limited.body()).path("error").asText()).isEqualTo("slow_down");
            assertThat(world.audit(TokenAudit.REFUSED)).singleElement()
                    .satisfies(entry -> assertThat(entry.event().detail()).startsWith("reason=RATE_LIMITED"));

            world.clock.advance(Duration.ofSeconds(10));
            assertThat(world.postForm(AuthorizationWorld.grant(world.assertion("camera-1", key).serialized()))
                    .statusCode()).isEqualTo(200);
        }
    }
}
